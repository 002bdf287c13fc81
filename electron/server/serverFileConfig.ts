import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';

/**
 * Secrets the headless shell reads from files (a Docker or Kubernetes secret mounted read-only), never from the
 * environment: each `*_FILE` variable names the file, and the value goes to the keychain entry the app would use.
 */
const SECRET_VARIABLES = {
  HEARTH_POSTGRES_PASSWORD_FILE: 'postgres-password',
  HEARTH_S3_SECRET_KEY_FILE: 's3-secret-key',
  HEARTH_REMOTE_API_KEY_FILE: 'remote-endpoint-key',
} as const;

/** Further files a server is configured by, each the file form of a command-line option or a setting. */
const FILE_VARIABLES = {
  /** Gateway API keys, as `--api-keys-file`. */
  HEARTH_API_KEYS_FILE: 'apiKeysFile',
  /** The S3 access key id (`storage.s3AccessKeyId`), kept beside its secret key. */
  HEARTH_S3_ACCESS_KEY_ID_FILE: 's3AccessKeyIdFile',
  /** A JSON settings patch applied at every start (a ConfigMap), see applySettingsFile. */
  HEARTH_SETTINGS_FILE: 'settingsFile',
  /** The shared catalogue's PostgreSQL password (with `--catalog-url`); read at start, never put in a URL. */
  HEARTH_CATALOG_PASSWORD_FILE: 'catalogPasswordFile',
  /** The server's certificate and key, as `--tls-cert` / `--tls-key`. */
  HEARTH_TLS_CERT_FILE: 'tlsCertFile',
  HEARTH_TLS_KEY_FILE: 'tlsKeyFile',
} as const;

/** What the `HEARTH_*_FILE` variables name. */
export interface ServerFileConfig {
  /** Secret name → file, for the core (Platform.mountedSecrets). */
  mountedSecrets: Record<string, string>;
  apiKeysFile?: string;
  catalogPasswordFile?: string;
  s3AccessKeyIdFile?: string;
  settingsFile?: string;
  tlsCertFile?: string;
  tlsKeyFile?: string;
}

/** Every variable this module reads, for documentation and tests. */
export const SERVER_FILE_VARIABLES: readonly string[] = [
  ...Object.keys(SECRET_VARIABLES),
  ...Object.keys(FILE_VARIABLES),
];

/**
 * Reads the `HEARTH_*_FILE` variables and checks that each names a readable file, so a missing mount stops the start
 * with the variable's name instead of failing later at first use. A secret given as a plain value
 * (`HEARTH_POSTGRES_PASSWORD=…`) is refused: environments leak into logs, crash reports and child processes.
 */
export async function readServerFileConfig(env: NodeJS.ProcessEnv): Promise<ServerFileConfig> {
  const config: ServerFileConfig = { mountedSecrets: {} };
  for (const variable of SERVER_FILE_VARIABLES) {
    const plain = variable.replace(/_FILE$/, '');
    if (env[plain] !== undefined) {
      throw new Error(
        `${plain} is set: Hearth reads secrets only from files. Put the value in a file (a mounted secret) and set ${variable} to its path.`,
      );
    }
  }
  for (const [variable, name] of Object.entries(SECRET_VARIABLES)) {
    const path = await namedFile(env, variable);
    if (path !== undefined) config.mountedSecrets[name] = path;
  }
  for (const [variable, key] of Object.entries(FILE_VARIABLES)) {
    const path = await namedFile(env, variable);
    if (path !== undefined) config[key] = path;
  }
  return config;
}

async function namedFile(env: NodeJS.ProcessEnv, variable: string): Promise<string | undefined> {
  const path = env[variable];
  if (path === undefined || path === '') return undefined;
  try {
    if (!(await stat(path)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    await access(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`${variable} names ${path}, which cannot be read as a file (${code}). Check the mounted secret.`, {
      cause: error,
    });
  }
  return path;
}
