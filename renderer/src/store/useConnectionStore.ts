import { create } from 'zustand';
import type { ConnectionState } from '@/ipc/client';
import { connection } from '@/ipc/client';

interface ConnectionStoreState {
  state: ConnectionState;
}

/** Mirrors the connection's state for components; bindStores keeps it current. */
export const useConnectionStore = create<ConnectionStoreState>()(() => ({ state: connection.getState() }));
