import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Platform } from '../core/platform';
import { pgConnectionFromUrl } from '../core/vectors/createPgPool';

/** What the shell was told about a shared catalogue (`--catalog-url` and friends, or their variables). */
export interface SharedCatalogArgs {
  /** postgres://user@host:5432/db, without a password. */
  url: string;
  /** File holding the password (HEARTH_CATALOG_PASSWORD_FILE, else the pgvector HEARTH_POSTGRES_PASSWORD_FILE). */
  passwordFile?: string;
  /** This replica's name in leases and notifications; default `<host name>-<pid>` (a pod's name in Kubernetes). */
  replicaId?: string;
  /** How long job and leader leases last unless renewed, in seconds (text from the command line); default 30. */
  leaseSeconds?: string;
}

const REPLICA_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The core's shared-catalogue settings and the pool's address: the URL is checked (no password, no keys that read
 * files), the password read once from its mounted file (a trailing newline dropped, as secret files often carry one).
 */
export async function readSharedCatalog(
  args: SharedCatalogArgs,
): Promise<NonNullable<Platform['sharedCatalog']> & { url: string; password: string | null }> {
  const connection = pgConnectionFromUrl(args.url);
  const password = args.passwordFile ? (await readFile(args.passwordFile, 'utf8')).replace(/\r?\n$/, '') : null;
  const replicaId = args.replicaId ?? `${hostname()}-${process.pid}`;
  if (!REPLICA_ID.test(replicaId)) {
    throw new Error(
      '--replica-id (HEARTH_REPLICA_ID) takes up to 100 letters, digits, dots, colons, dashes or underscores.',
    );
  }
  const seconds = args.leaseSeconds === undefined ? 30 : Number(args.leaseSeconds);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) {
    throw new Error('--lease-seconds takes a number of seconds (1 to 3600).');
  }
  return {
    postgres: { connection: { ...connection, ...(password === null ? {} : { password }) } },
    replicaId,
    leaseMs: seconds * 1000,
    url: args.url,
    password,
  };
}
