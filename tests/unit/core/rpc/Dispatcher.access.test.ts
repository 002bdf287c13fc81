import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Dispatcher, type AuditSink, type CallContext, type Handlers } from '../../../../electron/core/rpc/Dispatcher';
import { contract } from '../../../../electron/shared/contract';
import type { CallerClass } from '../../../../electron/shared/contractTypes';
import { LOCAL_ONLY_MESSAGE } from '../../../../electron/shared/contractTypes';
import type { SettingsPatch } from '../../../../electron/shared/settings';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings';

const logger = pino({ level: 'silent' });
const callable = Object.entries(contract).filter(([, e]) => e.kind !== 'event');
const as = (caller: CallerClass | undefined, origin: CallContext['origin'] = 'ws'): CallContext => ({
  origin,
  ...(caller ? { caller } : {}),
  signal: new AbortController().signal,
});

/** Handlers that record every call and answer what `impl` gives. */
function recordingHandlers(calls: string[], impl: Record<string, (input: unknown) => unknown> = {}): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, channel: string) => (input: unknown) => {
      calls.push(channel);
      return impl[channel]?.(input);
    },
  });
}

function run(dispatcher: Dispatcher, channel: string, input: unknown, ctx: CallContext) {
  const entry = contract[channel as keyof typeof contract];
  return entry.kind === 'stream'
    ? dispatcher.stream(channel, input, ctx, () => undefined)
    : dispatcher.call(channel, input, ctx);
}

/** Channels only the desktop app or a browser on Hearth's computer may call, whatever the input. */
const LOCAL_ONLY = [
  'backup.cancel',
  'backup.configure',
  'backup.restore',
  'backup.run',
  'backup.verify',
  'diagnostics.bundle',
  'gateway.info',
  'gateway.keys.create',
  'gateway.keys.list',
  'gateway.keys.revoke',
  'gateway.keys.rotate',
  'models.delete',
  'secrets.delete',
  'secrets.set',
  'sessions.signOutAll',
  'settings.reset',
];
/** An API key that may do everything a remote caller may. */
const adminKey: CallContext = { ...as('api-key'), scopes: ['admin'] };

describe('Dispatcher access by caller class', () => {
  it('pins which channels are local-only (a new one must be judged here)', () => {
    const local = callable.filter(([, e]) => e.kind !== 'event' && e.access === 'local').map(([c]) => c);
    expect(local.sort()).toEqual(LOCAL_ONLY);
    const conditional = callable.filter(([, e]) => e.kind !== 'event' && typeof e.access === 'object');
    expect(conditional.map(([c]) => c)).toEqual(['settings.update']);
  });

  it.each(callable)('%s: refused or admitted by caller class before its input is parsed', async (channel) => {
    const calls: string[] = [];
    const dispatcher = new Dispatcher(recordingHandlers(calls), logger);
    const junk = { 'not-an-input': true };
    const localOnly = LOCAL_ONLY.includes(channel);
    // A remote caller of a local-only channel is refused even with junk input: parsing never starts.
    for (const ctx of [as('remote-browser'), adminKey, as(undefined, 'ws'), as(undefined, 'ipc')]) {
      const result = await run(dispatcher, channel, junk, ctx);
      expect(result).toMatchObject({
        ok: false,
        error: localOnly ? { code: 'PERMISSION_DENIED', message: LOCAL_ONLY_MESSAGE } : { code: 'INVALID_INPUT' },
      });
    }
    for (const ctx of [as('desktop', 'ipc'), as('local-browser'), as(undefined, 'internal')]) {
      expect(await run(dispatcher, channel, junk, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(calls).toEqual([]);
  });

  it.each(LOCAL_ONLY)('%s runs its handler for the desktop app and a browser on this computer', async (channel) => {
    const input: Record<string, unknown> = {
      'backup.cancel': {},
      'backup.configure': { destination: { kind: 'folder', path: '/backups' }, backupKey: 'twelve chars!' },
      'backup.restore': { id: '2026-12-05T10-00-00-000Z-abcdef', confirm: true },
      'backup.run': {},
      'backup.verify': { id: '2026-12-05T10-00-00-000Z-abcdef' },
      'diagnostics.bundle': {},
      'gateway.info': {},
      'gateway.keys.create': { name: 'n', scopes: ['chat'] },
      'gateway.keys.list': {},
      'gateway.keys.revoke': { id: 'key_abcdefgh' },
      'gateway.keys.rotate': { id: 'key_abcdefgh' },
      'models.delete': { id: 'a'.repeat(16) },
      'secrets.delete': { name: 'k' },
      'secrets.set': { name: 'k', value: 'v' },
      'sessions.signOutAll': {},
      'settings.reset': {},
    };
    for (const ctx of [as('desktop', 'ipc'), as('local-browser')]) {
      const calls: string[] = [];
      await run(new Dispatcher(recordingHandlers(calls), logger), channel, input[channel], ctx);
      expect(calls).toEqual([channel]);
    }
  });

  const protectedPatches: [string, SettingsPatch][] = [
    ['fallback.remoteBaseUrl', { fallback: { remoteBaseUrl: 'https://elsewhere.example' } }],
    ['fallback.remoteModel', { fallback: { remoteModel: 'm' } }],
    ['storage.postgresUrl', { storage: { postgresUrl: 'postgres://me@elsewhere.example/db' } }],
    ['storage.vectorBackend', { storage: { vectorBackend: 'pgvector' } }],
    ['storage.s3Endpoint', { storage: { s3Endpoint: 'https://elsewhere.example' } }],
    ['server.host', { server: { host: '0.0.0.0' } }],
    ['server.port', { server: { port: 9000 } }],
    ['privacy.otlpEndpoint', { privacy: { otlpEndpoint: 'https://collector.example' } }],
    ['an open key beside a protected one', { appearance: { theme: 'dark' }, server: { port: 9000 } }],
  ];
  const openPatches: [string, SettingsPatch][] = [
    ['appearance', { appearance: { theme: 'light' } }],
    ['answers', { answers: { sources: 3, onlyFromDocuments: false } }],
    ['inference', { inference: { threads: 3 } }],
    ['library', { library: { maxFileSizeMB: 64 } }],
    ['privacy', { privacy: { telemetry: 'local' } }],
    ['empty protected sections', { fallback: {}, storage: {}, server: {} }],
  ];

  it.each(protectedPatches)('settings.update of %s is local-only', async (_what, patch) => {
    const calls: string[] = [];
    const dispatcher = new Dispatcher(recordingHandlers(calls), logger);
    for (const ctx of [as('remote-browser'), adminKey]) {
      expect(await dispatcher.call('settings.update', patch, ctx)).toEqual({
        ok: false,
        error: { code: 'PERMISSION_DENIED', message: LOCAL_ONLY_MESSAGE },
      });
    }
    expect(calls).toEqual([]);
    await dispatcher.call('settings.update', patch, as('local-browser'));
    await dispatcher.call('settings.update', patch, as('desktop', 'ipc'));
    expect(calls).toEqual(['settings.update', 'settings.update']);
  });

  it.each(openPatches)('settings.update of %s is open to every signed-in caller', async (_what, patch) => {
    const calls: string[] = [];
    const dispatcher = new Dispatcher(recordingHandlers(calls), logger);
    await dispatcher.call('settings.update', patch, as('remote-browser'));
    expect(calls).toEqual(['settings.update']);
  });
});

describe('Dispatcher audit of changes', () => {
  it('records settings and secret changes with the caller class and keys, never values or failed calls', async () => {
    const records: Parameters<AuditSink['append']>[0][] = [];
    const sink: AuditSink = { append: async (record) => void records.push(record) };
    const handlers = recordingHandlers([], {
      'settings.update': () => DEFAULT_SETTINGS,
      'secrets.set': (input) => ({ name: (input as { name: string }).name, exists: true }),
      'secrets.delete': (input) => ({ name: (input as { name: string }).name, deleted: false }),
      'settings.get': () => DEFAULT_SETTINGS,
    });
    const dispatcher = new Dispatcher(handlers, logger, undefined, sink);
    await dispatcher.call(
      'settings.update',
      { inference: { threads: 3 }, appearance: { theme: 'dark' } },
      as('remote-browser'),
    );
    await dispatcher.call('secrets.set', { name: 'gateway-token', value: 'tok-secret' }, as('desktop', 'ipc'));
    await dispatcher.call('secrets.delete', { name: 'gateway-token' }, as('local-browser'));
    await dispatcher.call('settings.get', {}, as('remote-browser'));
    await dispatcher.call('secrets.set', { name: 'gateway-token', value: 'tok-secret' }, as('remote-browser'));
    expect(records).toEqual([
      { actor: 'remote-browser', action: 'settings.update', data: { keys: ['appearance.theme', 'inference.threads'] } },
      { actor: 'desktop', action: 'secrets.set', data: { name: 'gateway-token' } },
      { actor: 'local-browser', action: 'secrets.delete', data: { name: 'gateway-token', deleted: false } },
    ]);
    expect(JSON.stringify(records)).not.toContain('tok-secret');
  });

  it('a change that happened is still answered as done when the audit log refuses it', async () => {
    const sink: AuditSink = { append: () => Promise.reject(new Error('closed')) };
    const dispatcher = new Dispatcher(
      recordingHandlers([], { 'secrets.set': () => ({ name: 'k', exists: true }) }),
      logger,
      undefined,
      sink,
    );
    expect(await dispatcher.call('secrets.set', { name: 'k', value: 'v' }, as('desktop', 'ipc'))).toEqual({
      ok: true,
      value: { name: 'k', exists: true },
    });
  });
});
