// A core that re-embeds the library, for the kill test: the parent SIGKILLs it after some progress. After every
// progress event it searches by vector and prints whether the answer came from a complete index.
import { startTestCore } from '../../../helpers/tempCore';
import { FAST } from './livingHelpers';

const [dataDir] = process.argv.slice(2) as [string];
const core = await startTestCore(dataDir, FAST);
await core.services.storage.ready;
await core.services.living.start(core.services.storage.ready);

let checks = Promise.resolve();
core.services.events.on('library.reembed.progress', (p) => {
  process.stdout.write(`progress ${p.done}/${p.total}\n`);
  checks = checks.then(async () => {
    const active = core.services.libraryCatalog.indexes.active()!;
    const result = await core.services.retriever.search('water sea', { topK: 3, mode: 'vector' });
    const complete =
      (await core.services.library.indexFor(active).count()) === core.services.libraryCatalog.chunkCount();
    const ok = result.vectorSkipped === null && result.passages.length > 0;
    process.stdout.write(`query ${ok ? 'ok' : 'bad'} ${complete ? 'complete' : 'incomplete'} ${active.name}\n`);
  });
});
await core.services.living.reembed.run();
await checks;
process.stdout.write('done\n');
await core.dispose();
process.exit(0);
