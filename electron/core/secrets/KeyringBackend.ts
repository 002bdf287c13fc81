import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import type { SecretBackend } from './SecretBackend';

/** The OS keychain (macOS Keychain, Linux Secret Service, Windows Credential Manager) via @napi-rs/keyring. */
export class KeyringBackend implements SecretBackend {
  readonly kind = 'keychain' as const;

  constructor(private readonly service: string) {}

  async set(account: string, value: string): Promise<void> {
    await new AsyncEntry(this.service, account).setPassword(value);
  }

  async get(account: string): Promise<string | null> {
    return (await new AsyncEntry(this.service, account).getPassword()) ?? null;
  }

  async delete(account: string): Promise<boolean> {
    return new AsyncEntry(this.service, account).deleteCredential();
  }

  async list(): Promise<string[]> {
    const credentials = await findCredentialsAsync(this.service);
    return credentials.map((c) => c.account).sort();
  }
}
