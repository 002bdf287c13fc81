import type { AppInfo } from '../shared/schemas';
import type { AuditLog } from './audit/AuditLog';
import type { Diagnostics } from './diagnostics/Diagnostics';
import type { Handlers } from './rpc/Dispatcher';
import { mayNamePaths } from './rpc/Dispatcher';
import type { SecretsService } from './secrets/SecretsService';
import type { SettingsService } from './settings/SettingsService';
import type { StagingArea } from './staging/StagingArea';
import type { Supervisor } from './supervisor';

/** The services the foundation's channels are served by. */
export interface HandlerServices {
  info: () => Omit<AppInfo, 'localPaths'>;
  settings: SettingsService;
  secrets: SecretsService;
  supervisor: Supervisor;
  audit: AuditLog;
  staging: StagingArea;
  diagnostics: Diagnostics;
}

/** Maps each contract channel to a service method. Thin on purpose: logic lives in the services. */
type FoundationChannel =
  | 'app.info'
  | 'diagnostics.ping'
  | 'diagnostics.watch'
  | 'diagnostics.loopback'
  | 'settings.get'
  | 'settings.update'
  | 'settings.reset'
  | 'secrets.list'
  | 'secrets.has'
  | 'secrets.set'
  | 'secrets.delete'
  | 'supervisor.list'
  | 'audit.verify'
  | 'staging.stat'
  | 'staging.discard';

export function createHandlers(s: HandlerServices): Pick<Handlers, FoundationChannel> {
  return {
    'app.info': (_input, ctx) => ({ ...s.info(), localPaths: mayNamePaths(ctx) }),

    'diagnostics.ping': ({ echo }) => ({ echo, at: Date.now() }),
    'diagnostics.watch': async ({ intervalMs }, ctx) => ({
      snapshots: await s.diagnostics.watch(intervalMs, ctx.signal, ctx.emit),
    }),
    'diagnostics.loopback': async ({ count, payloadBytes }, ctx) => ({
      sent: await s.diagnostics.loopback(count, payloadBytes, ctx.signal, ctx.emit),
    }),

    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => s.settings.update(patch),
    'settings.reset': () => s.settings.reset(),

    'secrets.list': async () => ({
      backend: s.secrets.kind,
      warning: s.secrets.warning,
      names: await s.secrets.list(),
    }),
    'secrets.has': async ({ name }) => ({ name, exists: await s.secrets.has(name) }),
    'secrets.set': async ({ name, value }, ctx) => {
      await s.secrets.set(name, value);
      await s.audit.append({ actor: `user:${ctx.origin}`, action: 'secrets.set', data: { name } });
      return { name, exists: true as const };
    },
    'secrets.delete': async ({ name }, ctx) => {
      const deleted = await s.secrets.delete(name);
      await s.audit.append({ actor: `user:${ctx.origin}`, action: 'secrets.delete', data: { name, deleted } });
      return { name, deleted };
    },

    'supervisor.list': () => s.supervisor.list(),
    'audit.verify': () => s.audit.verify(),

    'staging.stat': async ({ handle }) => {
      const { path: _path, ...meta } = await s.staging.resolve(handle);
      return meta;
    },
    'staging.discard': async ({ handle }) => ({ discarded: await s.staging.discard(handle) }),
  };
}
