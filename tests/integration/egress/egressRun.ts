/**
 * Runs inside the zero-egress test's network namespace, under strace: the headless shell's first start on an empty
 * data folder (`electron/server/main.ts`, as `npm start` runs it where Electron cannot: Chroma and the S3 server
 * started, the gateway listening), then, as a browser on this computer would over the WebSocket contract, two models
 * imported, a file ingested and a question answered, and an orderly stop. `--plant` instead makes a deliberate
 * outbound call from this process and one from a child process, which the test must catch.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../fixtures/gguf/tinyLlama';
import { repoRoot } from '../../helpers/tempCore';
import { connect, signIn } from '../../helpers/wsClient';

const [workDir, mode] = process.argv.slice(2);
if (!workDir) throw new Error('usage: egressRun.ts <work dir> [--plant]');

if (mode === '--plant') {
  // Documentation addresses (RFC 5737): nothing answers, but the attempt is what counts.
  await fetch('http://198.51.100.7/collect', { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
  await new Promise((resolve) =>
    spawn(process.execPath, ['-e', "require('net').connect(443, '203.0.113.9').on('error', () => {})"], {
      stdio: 'ignore',
    }).on('exit', resolve),
  );
} else {
  await firstStartIngestAnswer(workDir);
}

async function firstStartIngestAnswer(dir: string): Promise<void> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'electron/server/main.ts'), '--json', '--port', '0'],
    { cwd: repoRoot, env: { ...process.env, HEARTH_HOME: join(dir, 'data') }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout }).once('line', resolve);
      void exited.then((code) => reject(new Error(`the headless shell exited with ${code} before its address`)));
    });
    const { url, origin } = JSON.parse(line) as { url: string; origin: string };
    const client = await connect(origin, await signIn(url));
    try {
      const { api } = client;
      const check = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      };
      for (const [role, model] of [
        ['embedding', await createLexicalEmbeddingModel(join(dir, 'lex.gguf'))],
        ['chat', await createTinyLlamaModel(join(dir, 'chat.gguf'))],
      ] as const) {
        const imported = check(await api.models.import({ path: model.path }));
        check(await api.models.setDefault({ role, id: imported.id }));
      }
      check(await api.settings.update({ answers: { maxTokens: 16 } }));
      const notes = join(dir, 'garden.md');
      await writeFile(notes, '# Garden\n\nThe gardener wraps the young fig trees in straw.\n');
      const batch = check(await api.library.ingest({ paths: [notes] }, () => undefined).done);
      if (batch.files[0]?.stage !== 'indexed') throw new Error(`ingest failed: ${JSON.stringify(batch.files)}`);
      const answer = check(
        await api.chat.ask({ question: 'How does the gardener protect the fig trees?' }, () => undefined).done,
      );
      process.stdout.write(`answered: ${JSON.stringify(answer).slice(0, 200)}\n`);
    } finally {
      await client.close();
    }
  } finally {
    server.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) process.exitCode = 1;
  }
}
