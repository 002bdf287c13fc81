import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { RuntimeService, type RuntimeServiceOptions } from '../../../../electron/core/runtime/RuntimeService';
import { Supervisor } from '../../../../electron/core/supervisor';
import type { ChatEvent } from '../../../../electron/core/runtime/inference/runtimeSchemas';
import { repoRoot, watchdogPath } from '../../../helpers/tempCore';

/** The worker as development runs it: TypeScript through tsx, with this Node. */
export const workerEntry = join(repoRoot, 'electron/core/runtime/inference/inferenceWorker.ts');
export const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

/** A temp folder removed by `remove()`. */
export async function scratchDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface TestRuntime {
  runtime: RuntimeService;
  supervisor: Supervisor;
  dispose(): Promise<void>;
}

/**
 * A RuntimeService with its own supervisor, on CPU with 2 threads (stable figures), models resolved in `modelsDir`.
 * Options override the test defaults (small context, no idle unload).
 */
export async function startRuntime(
  modelsDir: string,
  overrides: Partial<RuntimeServiceOptions> = {},
): Promise<TestRuntime> {
  const runDir = await scratchDir('hearth-runtime-run-');
  const logger = pino({ level: process.env.HEARTH_TEST_LOG ?? 'silent' });
  const supervisor = new Supervisor({
    runDir: runDir.path,
    watchdogPath,
    node: { command: process.execPath },
    logger,
  });
  const runtime = new RuntimeService({
    supervisor,
    logger,
    workerEntry,
    workerExecArgv: ['--import', tsxLoader],
    nodeCommand: process.execPath,
    modelsDir,
    threads: 2,
    contextSize: 1024,
    idleUnloadMs: 0,
    gpu: 'auto',
    ...overrides,
  });
  return {
    runtime,
    supervisor,
    async dispose() {
      await runtime.dispose();
      await supervisor.dispose();
      await runDir.remove();
    },
  };
}

/** Collects a chat's events. */
export function recorder(): { events: ChatEvent[]; onEvent: (event: ChatEvent) => void; text: () => string } {
  const events: ChatEvent[] = [];
  return {
    events,
    onEvent: (event) => events.push(event),
    text: () =>
      events
        .filter((e): e is Extract<ChatEvent, { type: 'delta' }> => e.type === 'delta')
        .map((e) => e.text)
        .join(''),
  };
}

/** Resolves with the error a promise rejects with (fails if it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code?: string; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('expected the promise to reject');
}
