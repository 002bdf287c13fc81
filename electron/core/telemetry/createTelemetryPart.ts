import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import type { Settings } from '../../shared/settings';
import type { DiagnosticsBundle } from '../../shared/telemetrySchemas';
import type { Part, PartContext } from '../lifecycle/PartContext';
import type { SettingsService } from '../settings/SettingsService';
import type { Supervisor } from '../supervisor/Supervisor';
import { SpanFile } from './SpanFile';
import { Telemetry } from './Telemetry';
import { installTelemetry } from './hearthTelemetry';
import { withoutCredentials } from './withoutCredentials';

/** The end of hearth.log a bundle carries. */
const BUNDLE_LOG_BYTES = 256 * 1024;

/**
 * Traces and metrics of the whole core: installed for instrumented code to report to, shown by Diagnostics
 * (`telemetry.recent`), exported over OTLP only when the user sets an endpoint, and a support bundle.
 */
export function createTelemetryPart(
  ctx: PartContext,
  deps: { settings: SettingsService; supervisor: Supervisor },
): Part<{ telemetry: Telemetry }, 'telemetry.recent' | 'diagnostics.bundle'> {
  const privacy = () => deps.settings.get().privacy;
  const telemetry = ctx.disposables.add(
    'telemetry',
    new Telemetry({
      version: ctx.platform.appVersion,
      children: () => deps.supervisor.list(),
      spanProcessors: [
        new SimpleSpanProcessor({
          exporter: new SpanFile({ dir: ctx.paths.telemetry, enabled: () => privacy().telemetry === 'local' }),
        }),
      ],
    }),
  );
  const follow = (settings: Settings) =>
    telemetry.otlp.setEndpoint(settings.privacy.otlpEndpoint).catch((error: unknown) => {
      ctx.logger.warn({ err: error }, 'the OTLP export could not be switched');
    });
  void follow(deps.settings.get());
  const unsubscribe = ctx.events.onAny((channel, payload) => {
    if (channel === 'settings.changed') void follow(payload as Settings);
  });
  ctx.disposables.add('telemetry wiring', { dispose: () => unsubscribe() });
  // Installed last, so it is uninstalled first: nothing reports to a telemetry being shut down.
  const uninstall = installTelemetry(telemetry);
  ctx.disposables.add('telemetry install', { dispose: () => uninstall() });

  return {
    services: { telemetry },
    handlers: {
      'telemetry.recent': () => telemetry.recent(),
      'diagnostics.bundle': async (): Promise<DiagnosticsBundle> => ({
        createdAt: new Date().toISOString(),
        versions: {
          hearth: ctx.platform.appVersion,
          node: ctx.platform.os.nodeVersion,
          platform: `${ctx.platform.os.platform}-${ctx.platform.os.arch}`,
          mode: ctx.platform.mode,
        },
        settings: withoutCredentials(deps.settings.get()),
        telemetry: await telemetry.recent(),
        log: await logTail(join(ctx.paths.logs, 'hearth.log')),
      }),
    },
  };
}

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.length > BUNDLE_LOG_BYTES ? text.slice(text.indexOf('\n', text.length - BUNDLE_LOG_BYTES) + 1) : text;
}
