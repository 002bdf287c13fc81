import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt } from 'node:crypto';
import { HearthError } from '../../shared/errors';

/** scrypt parameters of a backup repository (recorded in its repo.json, so they can grow later). */
interface KdfParams {
  salt: string;
  N: number;
  r: number;
  p: number;
}

/** Keys derived from the backup passphrase: one encrypts, the other names pieces by their content. */
export interface BackupKeys {
  readonly encrypt: Buffer;
  readonly address: Buffer;
}

const MAGIC = Buffer.from('HBK1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function newKdfParams(): KdfParams {
  return { salt: randomBytes(16).toString('base64'), N: 2 ** 15, r: 8, p: 1 };
}

/** Derives both keys (64 bytes of scrypt output) from the passphrase and the repository's salt. */
export async function deriveKeys(passphrase: string, kdf: KdfParams): Promise<BackupKeys> {
  const bytes = await new Promise<Buffer>((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(kdf.salt, 'base64'),
      64,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
  return { encrypt: bytes.subarray(0, 32), address: bytes.subarray(32) };
}

/**
 * A piece's name in the repository: HMAC-SHA-256 of its plain bytes under the address key. Equal content gets the
 * same name (so an unchanged piece is never uploaded twice), yet the name says nothing about the content to
 * someone without the key, unlike a plain hash would (anyone could confirm they hold a given file).
 */
export function pieceAddress(keys: BackupKeys, plain: Buffer): string {
  return createHmac('sha256', keys.address).update(plain).digest('hex');
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** AES-256-GCM with a fresh IV: `HBK1 | iv | ciphertext | tag`. `aad` is authenticated but not encrypted. */
export function sealPiece(keys: BackupKeys, plain: Buffer, aad?: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.encrypt, iv);
  if (aad) cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()]);
}

/** Decrypts a sealed piece; a wrong key or any changed byte fails (INVALID_INPUT, details.backup: corrupt). */
export function openPiece(keys: BackupKeys, sealed: Buffer, what: string, aad?: Buffer): Buffer {
  if (sealed.length < MAGIC.length + IV_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw corrupt(what);
  }
  const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keys.encrypt, iv);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(MAGIC.length + IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (error) {
    throw corrupt(what, error);
  }
}

export function corrupt(what: string, cause?: unknown): HearthError {
  return new HearthError(
    'INVALID_INPUT',
    `The backup is damaged: ${what} does not match its checksum. Nothing was restored.`,
    { backup: 'corrupt' },
    cause === undefined ? undefined : { cause },
  );
}
