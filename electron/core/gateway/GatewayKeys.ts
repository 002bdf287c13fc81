import type { ApiKeyInfo } from '../../shared/gatewaySchemas';
import type { ApiKeyStore, KeyCheck } from './ApiKeyStore';

/** Keys from elsewhere than the app (a secrets file given to the server); read-only here. */
export interface KeySource {
  /** Null when the key is not one of this source's, so the next source is asked. */
  verify(secret: string): KeyCheck | null;
  list(): ApiKeyInfo[];
}

/** Every key the gateway accepts: the app's own (the store) and those of registered sources (key files). */
export class GatewayKeys {
  readonly #sources = new Set<KeySource>();

  constructor(private readonly store: ApiKeyStore) {}

  /** Adds a source of keys; returns its removal. */
  addSource(source: KeySource): () => void {
    this.#sources.add(source);
    return () => this.#sources.delete(source);
  }

  /** A refusal reason says only what a caller may learn: unknown, revoked or expired. */
  verify(secret: string): KeyCheck {
    const own = this.store.verify(secret);
    if (own.ok || own.reason !== 'unknown') return own;
    for (const source of this.#sources) {
      const check = source.verify(secret);
      if (check) return check;
    }
    return own;
  }

  list(): ApiKeyInfo[] {
    return [...this.store.list(), ...[...this.#sources].flatMap((source) => source.list())];
  }
}
