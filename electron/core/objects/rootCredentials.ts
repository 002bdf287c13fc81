import { randomBytes } from 'node:crypto';
import type { SecretsService } from '../secrets/SecretsService';

/** Keychain entry names of the object server's root credentials (SEED 1.3). */
export const ROOT_USER_SECRET = 'objects-root-user';
export const ROOT_PASSWORD_SECRET = 'objects-root-password';

export interface RootCredentials {
  accessKey: string;
  secretKey: string;
}

/**
 * The object server's root credentials from the keychain, generated on first start. MinIO accepts access keys of
 * 3–20 characters and secret keys of 8–40: 18 and 40 here, hex so that no shell or env parser trips over them; the
 * secret carries 160 random bits.
 */
export async function ensureRootCredentials(secrets: SecretsService): Promise<RootCredentials> {
  const [accessKey, secretKey] = await Promise.all([
    secrets.reveal(ROOT_USER_SECRET),
    secrets.reveal(ROOT_PASSWORD_SECRET),
  ]);
  if (accessKey && secretKey) return { accessKey, secretKey };
  // Half a pair (a crash between the two writes) is replaced whole: the server is started from these values anyway.
  const fresh = {
    accessKey: `hearth${randomBytes(6).toString('hex')}`,
    secretKey: randomBytes(20).toString('hex'),
  };
  await secrets.set(ROOT_PASSWORD_SECRET, fresh.secretKey);
  await secrets.set(ROOT_USER_SECRET, fresh.accessKey);
  return fresh;
}
