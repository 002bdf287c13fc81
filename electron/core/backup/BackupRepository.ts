import { z } from 'zod';
import { BackupSummarySchema, type BackupSummary } from '../../shared/backupSchemas';
import { HearthError } from '../../shared/errors';
import { wrongKey } from './backupErrors';
import type { BackupTarget } from './BackupTarget';
import {
  corrupt,
  deriveKeys,
  newKdfParams,
  openPiece,
  pieceAddress,
  sealPiece,
  sha256Hex,
  type BackupKeys,
} from './pieceCipher';

const RepoFileSchema = z.object({
  format: z.literal(1),
  kdf: z.object({ salt: z.string(), N: z.int(), r: z.int(), p: z.int() }),
  /** A known text sealed with the key: a wrong key fails here, before any piece is read. */
  check: z.string(),
});

/** One file of the library as stored: its plain size and hash, and the pieces it was cut into, in order. */
const ManifestEntrySchema = z.object({
  kind: z.enum(['catalog', 'vectors', 'original', 'settings', 'models']),
  name: z.string(),
  size: z.number(),
  sha256: z.string(),
  pieces: z.array(z.string()),
  /** Originals: the object key and tags to put back; vectors: the index key. */
  objectKey: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  index: z.object({ model: z.string(), version: z.int(), dimensions: z.int() }).optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

const ManifestBodySchema = z.object({
  entries: z.array(ManifestEntrySchema),
  /** Every piece's stored (sealed) size and SHA-256, so verify can check them before decrypting. */
  pieces: z.record(z.string(), z.object({ size: z.number(), sha256: z.string() })),
});
export type ManifestBody = z.infer<typeof ManifestBodySchema>;

const ManifestFileSchema = z.object({
  format: z.literal(1),
  summary: BackupSummarySchema,
  /** The body sealed with the summary as authenticated data: neither can be changed without the key noticing. */
  body: z.string(),
});

const CHECK_TEXT = 'hearth-backup-key-check';
const REPO_FILE = 'repo.json';
const SNAPSHOTS = 'snapshots/';

export function piecePath(address: string): string {
  return `pieces/${address.slice(0, 2)}/${address}`;
}

/**
 * A backup repository at a target: `repo.json` (key derivation and a key check), `pieces/` (sealed, named by a
 * keyed hash of their content, shared by every backup) and `snapshots/<id>.json` (a manifest per backup).
 */
export class BackupRepository {
  private constructor(
    readonly target: BackupTarget,
    readonly keys: BackupKeys,
  ) {}

  /** Opens the repository with a passphrase; creates it when `create` and the target holds none. */
  static async open(target: BackupTarget, passphrase: string, create: boolean): Promise<BackupRepository> {
    const raw = await target.read(REPO_FILE);
    if (!raw) {
      if (!create) throw new HearthError('NOT_FOUND', `There is no Hearth backup at ${target.label}.`);
      const kdf = newKdfParams();
      const keys = await deriveKeys(passphrase, kdf);
      const check = sealPiece(keys, Buffer.from(CHECK_TEXT)).toString('base64');
      await target.write(REPO_FILE, Buffer.from(JSON.stringify({ format: 1, kdf, check }, null, 2)));
      return new BackupRepository(target, keys);
    }
    const parsed = RepoFileSchema.safeParse(parseJson(raw));
    if (!parsed.success) throw corrupt(REPO_FILE);
    const keys = await deriveKeys(passphrase, parsed.data.kdf);
    let check: Buffer;
    try {
      check = openPiece(keys, Buffer.from(parsed.data.check, 'base64'), REPO_FILE);
    } catch {
      throw wrongKey();
    }
    if (check.toString() !== CHECK_TEXT) throw wrongKey();
    return new BackupRepository(target, keys);
  }

  address(plain: Buffer): string {
    return pieceAddress(this.keys, plain);
  }

  /** Names of the pieces already stored. */
  async storedPieces(signal?: AbortSignal): Promise<Map<string, number>> {
    const files = await this.target.list('pieces/', signal);
    return new Map(files.map((f) => [f.name.slice(f.name.lastIndexOf('/') + 1), f.size]));
  }

  /** Seals and stores a piece under its address; returns its stored size and hash for the manifest. */
  async putPiece(address: string, plain: Buffer, signal?: AbortSignal): Promise<{ size: number; sha256: string }> {
    const sealed = sealPiece(this.keys, plain);
    await this.target.write(piecePath(address), sealed, signal);
    return { size: sealed.length, sha256: sha256Hex(sealed) };
  }

  /**
   * A piece's plain bytes, checked three ways: the stored bytes against the manifest's SHA-256, the GCM tag, and
   * the plain bytes against the address. Any mismatch is `corrupt`.
   */
  async getPiece(address: string, expected: { size: number; sha256: string }, signal?: AbortSignal): Promise<Buffer> {
    const what = `piece ${address.slice(0, 12)}`;
    const sealed = await this.target.read(piecePath(address), signal);
    if (!sealed) throw corrupt(`${what} (missing)`);
    if (sealed.length !== expected.size || sha256Hex(sealed) !== expected.sha256) throw corrupt(what);
    const plain = openPiece(this.keys, sealed, what);
    if (this.address(plain) !== address) throw corrupt(what);
    return plain;
  }

  async writeManifest(summary: BackupSummary, body: ManifestBody): Promise<void> {
    const aad = Buffer.from(JSON.stringify(summary));
    const sealed = sealPiece(this.keys, Buffer.from(JSON.stringify(body)), aad).toString('base64');
    const file = { format: 1, summary, body: sealed };
    await this.target.write(`${SNAPSHOTS}${summary.id}.json`, Buffer.from(JSON.stringify(file)));
  }

  /** Summaries of every backup, newest first; unreadable manifests are skipped (verify names them). */
  async list(): Promise<BackupSummary[]> {
    return listSummaries(this.target);
  }

  async readManifest(id: string, signal?: AbortSignal): Promise<{ summary: BackupSummary; body: ManifestBody }> {
    const raw = await this.target.read(`${SNAPSHOTS}${id}.json`, signal);
    if (!raw) throw new HearthError('NOT_FOUND', `Backup ${id} is not at ${this.target.label}.`);
    const file = ManifestFileSchema.safeParse(parseJson(raw));
    if (!file.success) throw corrupt(`the manifest of ${id}`);
    const aad = Buffer.from(JSON.stringify(file.data.summary));
    const plain = openPiece(this.keys, Buffer.from(file.data.body, 'base64'), `the manifest of ${id}`, aad);
    const body = ManifestBodySchema.safeParse(parseJson(plain));
    if (!body.success) throw corrupt(`the manifest of ${id}`);
    return { summary: file.data.summary, body: body.data };
  }

  /**
   * Keeps the newest `keep` backups: removes older manifests, then every piece no kept manifest names. Returns the
   * ids removed.
   */
  async prune(keep: number): Promise<string[]> {
    const all = await this.list();
    const drop = all.slice(keep);
    if (drop.length === 0) return [];
    const kept = new Set<string>();
    for (const summary of all.slice(0, keep)) {
      for (const address of Object.keys((await this.readManifest(summary.id)).body.pieces)) kept.add(address);
    }
    for (const summary of drop) await this.target.remove(`${SNAPSHOTS}${summary.id}.json`);
    for (const address of (await this.storedPieces()).keys()) {
      if (!kept.has(address)) await this.target.remove(piecePath(address));
    }
    return drop.map((s) => s.id);
  }
}

/** Backup summaries at a target without the key (for the list), newest first. */
export async function listSummaries(target: BackupTarget): Promise<BackupSummary[]> {
  const files = await target.list(SNAPSHOTS);
  const summaries: BackupSummary[] = [];
  for (const file of files) {
    if (!file.name.endsWith('.json')) continue;
    const raw = await target.read(file.name);
    const parsed = raw ? ManifestFileSchema.safeParse(parseJson(raw)) : null;
    if (parsed?.success) summaries.push(parsed.data.summary);
  }
  return summaries.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
