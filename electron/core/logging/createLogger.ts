import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import pino from 'pino';
import { activeTraceIds } from '../telemetry/hearthTelemetry';

/** Options for the core's structured log. */
export interface LoggerOptions {
  /** Directory for `hearth.log` (JSON lines). */
  logsDir: string;
  /** pino level; `info` by default. */
  level?: string;
  /** Also print to stdout (headless shell in a terminal). */
  stdout?: boolean;
}

/** Paths that may hold credentials are censored wherever they appear in a log object. */
const REDACT = [
  '*.password',
  '*.value',
  '*.secret',
  '*.token',
  '*.secretKey',
  'headers.cookie',
  'headers.authorization',
];

export function createLogger(options: LoggerOptions): Logger {
  mkdirSync(options.logsDir, { recursive: true, mode: 0o700 });
  // Synchronous writes: log volume is small, and the lines written just before a crash or a quick
  // shutdown are the ones a bug report needs.
  const file = pino.destination({ dest: join(options.logsDir, 'hearth.log'), sync: true, mkdir: true });
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (options.stdout) streams.push({ stream: process.stdout });
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      redact: { paths: REDACT, censor: '[redacted]' },
      // trace_id/span_id of the active span, so a slow trace leads to its log lines (Loki, the Grafana dashboard).
      mixin: activeTraceIds,
    },
    pino.multistream(streams),
  );
}

/** Flushes the file destination before exit. */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
