/** Where secret values are kept. The keychain in every normal setup. */
export interface SecretBackend {
  readonly kind: 'keychain' | 'file';
  set(account: string, value: string): Promise<void>;
  /** The value, or null when absent. Only the core calls this; values never cross the contract. */
  get(account: string): Promise<string | null>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Account names only. */
  list(): Promise<string[]>;
}
