/**
 * Runs inside the zero-egress test's network namespace, under strace: Hearth's first start on an empty data folder
 * (sidecars included), an ingest and a grounded answer, then an orderly stop. `--plant` adds a deliberate outbound
 * call from the core process and one from a child process, which the test must catch.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../fixtures/gguf/tinyLlama';
import { startTestCore } from '../../helpers/tempCore';

const [workDir, mode] = process.argv.slice(2);
if (!workDir) throw new Error('usage: egressRun.ts <work dir> [--plant]');

const core = await startTestCore(join(workDir, 'data'), { startSidecars: true });
try {
  await core.services.storage.ready;
  if (mode === '--plant') {
    // Documentation addresses (RFC 5737): nothing answers, but the attempt is what counts.
    await fetch('http://198.51.100.7/collect', { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    await new Promise((resolve) =>
      spawn(process.execPath, ['-e', "require('net').connect(443, '203.0.113.9').on('error', () => {})"], {
        stdio: 'ignore',
      }).on('exit', resolve),
    );
  } else {
    await core.services.settings.update({ answers: { maxTokens: 16 } });
    const embed = await core.services.modelCatalog.importFile(
      (await createLexicalEmbeddingModel(join(workDir, 'lex.gguf'))).path,
    );
    await core.services.modelCatalog.setDefault('embedding', embed.id);
    const chat = await core.services.modelCatalog.importFile(
      (await createTinyLlamaModel(join(workDir, 'chat.gguf'))).path,
    );
    await core.services.modelCatalog.setDefault('chat', chat.id);
    await writeFile(join(workDir, 'garden.md'), '# Garden\n\nThe gardener wraps the young fig trees in straw.\n');
    const batch = await core.services.library.ingest({ paths: [join(workDir, 'garden.md')] });
    if (batch.files[0]?.stage !== 'indexed') throw new Error(`ingest failed: ${JSON.stringify(batch.files)}`);
    const answer = await core.services.dispatcher.stream(
      'chat.ask',
      { question: 'How does the gardener protect the fig trees?' },
      { origin: 'internal', signal: new AbortController().signal },
      () => undefined,
    );
    if (!answer.ok) throw new Error(`chat failed: ${answer.error.message}`);
    process.stdout.write(`answered: ${JSON.stringify(answer.value).slice(0, 200)}\n`);
  }
} finally {
  await core.dispose();
}
