import { create } from 'zustand';
import type { ApiKeyInfo, GatewayInfo, GatewayScope } from '@shared/gatewaySchemas';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';

/** A key just made: the only time its value reaches this screen. */
export interface NewKey {
  key: ApiKeyInfo;
  secret: string;
  /** Set for a rotation: when the replaced key stops working. */
  previousExpiresAt?: string | null;
}

interface GatewayState {
  keys: ApiKeyInfo[] | null;
  /** When `keys` was read. */
  listedAt: number;
  info: GatewayInfo | null;
  /** This client may not manage keys (a browser on another computer). */
  localOnly: boolean;
  /** Shown once, then dropped: nothing keeps it after `dismiss`. */
  created: NewKey | null;
  refresh: () => Promise<void>;
  create: (name: string, scopes: GatewayScope[]) => Promise<boolean>;
  rotate: (id: string) => Promise<boolean>;
  revoke: (id: string) => Promise<boolean>;
  dismiss: () => void;
}

/** Settings → Connect other apps: gateway keys and addresses (`gateway.*`, for this computer only). */
export const useGatewayStore = create<GatewayState>()((set, get) => {
  /** Runs a key action; false (with a toast) when it failed. */
  const act = async <T>(
    title: string,
    run: (
      api: NonNullable<ReturnType<typeof connection.current>>,
    ) => Promise<{ ok: true; value: T } | { ok: false; error: Parameters<typeof reportError>[1] }>,
  ): Promise<T | null> => {
    const api = connection.current();
    if (!api) {
      reportError(title, NOT_CONNECTED);
      return null;
    }
    const result = await run(api);
    if (!result.ok) {
      reportError(title, result.error);
      return null;
    }
    return result.value;
  };
  return {
    keys: null,
    listedAt: 0,
    info: null,
    localOnly: false,
    created: null,
    async refresh() {
      const api = connection.current();
      if (!api) return;
      const [keys, info] = await Promise.all([api.gateway['keys.list']({}), api.gateway.info({})]);
      if (!keys.ok && keys.error.code === 'PERMISSION_DENIED') {
        set({ localOnly: true, keys: [], info: null });
        return;
      }
      if (keys.ok) set({ keys: keys.value.keys, listedAt: Date.now(), localOnly: false });
      else reportError('Could not list API keys', keys.error);
      if (info.ok) set({ info: info.value });
    },
    async create(name, scopes) {
      const made = await act('Could not create the key', (api) => api.gateway['keys.create']({ name, scopes }));
      if (!made) return false;
      set({ created: made });
      await get().refresh();
      return true;
    },
    async rotate(id) {
      const made = await act('Could not rotate the key', (api) => api.gateway['keys.rotate']({ id }));
      if (!made) return false;
      set({ created: { key: made.key, secret: made.secret, previousExpiresAt: made.previous.expiresAt } });
      await get().refresh();
      return true;
    },
    async revoke(id) {
      const revoked = await act('Could not revoke the key', (api) => api.gateway['keys.revoke']({ id }));
      if (!revoked) return false;
      await get().refresh();
      return true;
    },
    dismiss() {
      set({ created: null });
    },
  };
});
