/**
 * The inference worker: a Node entry the supervisor runs as its own process, so that llama.cpp aborting on a
 * malformed model (GGML_ASSERT → abort()) takes down only this process, never Hearth. It speaks workerProtocol over
 * the Node IPC channel. Runs as `node --import tsx inferenceWorker.ts` in development and tests, and as an esbuild
 * bundle (`inferenceWorker.mjs`, node-llama-cpp external) in the app.
 *
 * Environment: HEARTH_LLAMA_GPU (auto | false | metal | cuda | vulkan; default auto), HEARTH_WORKER_FAULTS=1 (obey
 * `fault` messages), HEARTH_WORKER_FAULT=abort-on-load (abort on the first model load).
 */
import { parseHostMessage, type GpuChoice, type WorkerMessage } from './workerProtocol';
import { WorkerRuntime } from './worker/WorkerRuntime';

function parseGpu(value: string | undefined): GpuChoice {
  if (value === 'false' || value === 'cpu') return false;
  if (value === 'metal' || value === 'cuda' || value === 'vulkan') return value;
  return 'auto';
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve();
    // The callback fires once the message is out of this process: a fault may abort right after.
    process.send(message, undefined, {}, () => resolve());
  });
}

if (!process.send) {
  process.stderr.write('hearth-inference: run me with an IPC channel (the supervisor\'s stdio "ipc" mode)\n');
  process.exit(2);
}

// It reports 'ready' only after an await (getLlama), so the listener below is in place before the host hears of us.
const runtime = new WorkerRuntime({
  gpu: parseGpu(process.env.HEARTH_LLAMA_GPU),
  send,
  faultsAllowed: process.env.HEARTH_WORKER_FAULTS === '1',
  ...(process.env.HEARTH_WORKER_FAULT === 'abort-on-load' ? { armedFault: 'abort-on-load' as const } : {}),
});

process.on('message', (data: unknown) => {
  const message = parseHostMessage(data);
  if (!message) {
    const id = (data as { id?: unknown } | null)?.id;
    process.stderr.write('hearth-inference: ignored a malformed message\n');
    if (typeof id === 'number' && Number.isInteger(id) && id > 0) {
      void send({ type: 'error', id, error: { code: 'INVALID_INPUT', message: 'Malformed request.' } });
    }
    return;
  }
  void runtime.handle(message);
});

// The host (through the watchdog) is gone: nobody will read our answers.
process.on('disconnect', () => process.exit(0));
