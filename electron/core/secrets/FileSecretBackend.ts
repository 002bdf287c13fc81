import { randomUUID } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import type { SecretBackend } from './SecretBackend';

/**
 * Last resort where no keychain exists at all (a headless Linux server without a Secret Service):
 * a 0600 JSON file. The core announces its use loudly in the log and the UI.
 */
export class FileSecretBackend implements SecretBackend {
  readonly kind = 'file' as const;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  async set(account: string, value: string): Promise<void> {
    await this.#mutate((all) => {
      all[account] = value;
    });
  }

  async get(account: string): Promise<string | null> {
    return (await this.#read())[account] ?? null;
  }

  async delete(account: string): Promise<boolean> {
    let existed = false;
    await this.#mutate((all) => {
      existed = account in all;
      delete all[account];
    });
    return existed;
  }

  async list(): Promise<string[]> {
    return Object.keys(await this.#read()).sort();
  }

  async #read(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  #mutate(change: (all: Record<string, string>) => void): Promise<void> {
    const run = async () => {
      const all = await this.#read();
      change(all);
      const tmp = `${this.file}.${randomUUID()}.tmp`;
      await writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, this.file);
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
