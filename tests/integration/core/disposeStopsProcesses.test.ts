import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, stillRunning, type ProcessInfo } from '../../../scripts/orphans.mjs';
import { createLexicalEmbeddingModel } from '../../fixtures/gguf/tinyLlama';
import { startTestCore, tempDir, type TestCore } from '../../helpers/tempCore';

/*
 * core.dispose() is how every shell stops: it must take down every process the core started (through its
 * supervisor: Chroma, the S3 server, the inference worker, each behind a watchdog), and their own children.
 */

let dir: Awaited<ReturnType<typeof tempDir>> | undefined;
let core: TestCore | undefined;
let started: ProcessInfo[] = [];

afterEach(async () => {
  await core?.dispose();
  core = undefined;
  for (const p of started.filter(stillRunning)) process.kill(p.pid, 'SIGKILL');
  started = [];
  await dir?.remove();
});

const key = (p: ProcessInfo) => `${p.pid}@${p.start}`;
/** A process running `script` itself, not the watchdog that wraps it (whose arguments name it too). */
const runs = (script: string) => (p: ProcessInfo) => p.command.includes(script) && !p.command.includes('watchdog');

describe('core.dispose()', () => {
  it('leaves none of the processes the core started running: Chroma, the S3 server, the inference worker', async () => {
    const before = new Set(descendantsOf(process.pid).map(key));
    dir = await tempDir('hearth-dispose-');
    core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
    await core.services.storage.ready;
    // An embedding starts the inference worker.
    const model = await createLexicalEmbeddingModel(join(dir.path, 'embed.gguf'));
    const { id } = await core.services.modelCatalog.importFile(model.path);
    expect((await core.services.runtime.embed(['hello'], { modelId: id })).vectors).toHaveLength(1);

    started = descendantsOf(process.pid).filter((p) => !before.has(key(p)));
    expect(started.some(runs('chromadb'))).toBe(true);
    expect(started.some(runs('devS3Server'))).toBe(true);
    expect(started.some(runs('inferenceWorker'))).toBe(true);
    expect(started.filter((p) => p.command.includes('watchdog.cjs'))).toHaveLength(3);

    await core.dispose();
    core = undefined;
    expect(started.filter(stillRunning).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
  }, 120_000);
});
