import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import { SecretNameSchema } from '../../shared/schemas';
import { FileSecretBackend } from './FileSecretBackend';
import { KeyringBackend } from './KeyringBackend';
import type { SecretBackend } from './SecretBackend';
import { InFlight } from '../lifecycle/InFlight';
import { decodeBoundSecret, encodeBoundSecret } from './boundSecret';

/** Options for the secrets store. */
export interface SecretsServiceOptions {
  /** Keychain service name (see keychainServiceName). */
  service: string;
  /** App-data dir, for the file fallback. */
  dataDir: string;
  logger: Logger;
  /** Use this keychain instead of @napi-rs/keyring (tests inject a broken one). */
  keychain?: SecretBackend;
  /** May fall back to a 0600 file when no keychain answers (Linux servers only). */
  allowFileFallback: boolean;
  /** Called with the names after every change; a change completes once it has run. */
  onChange?: (names: string[]) => void | Promise<void>;
  /**
   * Secrets an operator mounted as files (a Docker or Kubernetes secret), by secret name: read at every use, so a
   * rotated file takes effect without a restart; they cannot be set or deleted through Hearth.
   */
  mounted?: ReadonlyMap<string, MountedSecret>;
}

/** A secret kept in a file Hearth only reads. */
export interface MountedSecret {
  /** The file holding the value (one trailing newline is dropped). */
  path: string;
  /** Where the operator meant it to go (secretBindings); null for an unbound secret. */
  endpoint: string | null;
}

export const FILE_FALLBACK_WARNING =
  'No system keychain was found, so secrets are stored in a file readable only by your user account ' +
  '(secrets.insecure.json in the data folder). Install and unlock a Secret Service (e.g. gnome-keyring) to keep them in a keychain.';

/**
 * Write-only secrets: set / has / delete / list names over the contract; `reveal` exists for core
 * services only (MinIO credentials, remote endpoints) and is never wired to a channel.
 */
export class SecretsService {
  private constructor(
    private readonly backend: SecretBackend,
    private readonly options: SecretsServiceOptions,
    readonly warning: string | null,
  ) {}

  static async open(options: SecretsServiceOptions): Promise<SecretsService> {
    const keychain = options.keychain ?? new KeyringBackend(options.service);
    try {
      await keychain.list();
      return new SecretsService(keychain, options, null);
    } catch (error) {
      if (!options.allowFileFallback) {
        options.logger.error({ err: error }, 'the system keychain is unavailable');
        return new SecretsService(
          keychain,
          options,
          'The system keychain is unavailable; secrets cannot be saved until it is unlocked.',
        );
      }
      options.logger.warn({ err: error }, FILE_FALLBACK_WARNING);
      return new SecretsService(
        new FileSecretBackend(join(options.dataDir, 'secrets.insecure.json')),
        options,
        FILE_FALLBACK_WARNING,
      );
    }
  }

  readonly #inFlight = new InFlight('The keychain');

  get kind(): 'keychain' | 'file' {
    return this.backend.kind;
  }

  async set(name: string, value: string): Promise<void> {
    this.#refuseMounted(SecretNameSchema.parse(name));
    await this.#guard(() => this.backend.set(name, value));
    await this.#changed();
  }

  /** Stores a secret that may only ever be revealed for `endpoint` (see revealFor). */
  async setBound(name: string, value: string, endpoint: string): Promise<void> {
    await this.set(name, encodeBoundSecret(value, endpoint));
  }

  async has(name: string): Promise<boolean> {
    if (this.#mounted.has(name)) return true;
    return (await this.#guard(() => this.backend.get(SecretNameSchema.parse(name)))) !== null;
  }

  async delete(name: string): Promise<boolean> {
    this.#refuseMounted(SecretNameSchema.parse(name));
    const deleted = await this.#guard(() => this.backend.delete(SecretNameSchema.parse(name)));
    if (deleted) await this.#changed();
    return deleted;
  }

  async list(): Promise<string[]> {
    const names = await this.#guard(() => this.backend.list());
    const all = new Set([...names, ...this.#mounted.keys()]);
    return [...all].filter((n) => SecretNameSchema.safeParse(n).success);
  }

  /** For core services only. A mounted secret comes from its file (bound to the operator's endpoint). */
  async reveal(name: string): Promise<string | null> {
    SecretNameSchema.parse(name);
    const mounted = this.#mounted.get(name);
    if (mounted) return this.#guard(() => readMounted(name, mounted));
    return this.#guard(() => this.backend.get(name));
  }

  /**
   * A secret saved with `setBound`, only for the endpoint it was saved for: null for any other endpoint, and for a
   * value saved before secrets were bound (its endpoint is unknown, so the user is asked again). For core services.
   */
  async revealFor(name: string, endpoint: string): Promise<string | null> {
    if (!endpoint) return null;
    return decodeBoundSecret(await this.reveal(name), endpoint);
  }

  get #mounted(): ReadonlyMap<string, MountedSecret> {
    return this.options.mounted ?? NO_MOUNTS;
  }

  #refuseMounted(name: string): void {
    if (!this.#mounted.has(name)) return;
    throw new HearthError(
      'CONFLICT',
      `The secret "${name}" comes from a file the server was started with; change that file (the mounted secret) instead.`,
    );
  }

  async #changed(): Promise<void> {
    if (this.options.onChange) await this.options.onChange(await this.list());
  }

  /** Waits for keychain calls under way and refuses new ones. */
  dispose(): Promise<void> {
    return this.#inFlight.dispose();
  }

  #guard<T>(operation: () => Promise<T>): Promise<T> {
    return this.#inFlight.run(() => this.#mapErrors(operation));
  }

  async #mapErrors<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof HearthError || (error as Error).name === 'ZodError') throw error;
      this.options.logger.error({ err: error }, 'keychain operation failed');
      throw new HearthError(
        'KEYCHAIN_UNAVAILABLE',
        this.backend.kind === 'file'
          ? 'The secrets file could not be read or written.'
          : 'The system keychain did not respond.',
      );
    }
  }
}

const NO_MOUNTS: ReadonlyMap<string, MountedSecret> = new Map();

/** The file's value, bound to its endpoint like a value saved through `setBound`. */
async function readMounted(name: string, mounted: MountedSecret): Promise<string> {
  let text: string;
  try {
    text = await readFile(mounted.path, 'utf8');
  } catch (error) {
    throw new HearthError(
      'KEYCHAIN_UNAVAILABLE',
      `The file holding the secret "${name}" (${mounted.path}) could not be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
    );
  }
  const value = text.replace(/\r?\n$/, '');
  return mounted.endpoint === null ? value : encodeBoundSecret(value, mounted.endpoint);
}
