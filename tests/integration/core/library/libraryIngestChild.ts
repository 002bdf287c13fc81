// A core that ingests a corpus, for the kill test: the parent SIGKILLs it at random points and starts it again.
// Each start: the core resumes unfinished jobs by itself; the corpus is (re)submitted until one run saw the
// whole batch through; then one document is deleted. Prints `progress` per file event and `done` at the end.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCore, waitFor } from '../../../helpers/tempCore';

const [dataDir, corpusDir, deleteName] = process.argv.slice(2) as [string, string, string];
const core = await startTestCore(dataDir, { startSidecars: true });
await core.services.storage.ready;
core.services.events.on('library.progress', (event) => {
  if (event.kind === 'file') process.stdout.write(`progress ${event.stage}\n`);
});
process.stdout.write('ready\n');

const submitted = join(dataDir, 'submitted');
if (!existsSync(submitted)) {
  await core.services.library.ingest({ paths: [corpusDir] });
  writeFileSync(submitted, '');
}
await waitFor('resumed jobs to finish', () => core.services.libraryCatalog.jobs.listResumable().length === 0, 120_000);
const doomed = core.services.libraryCatalog.listDocuments().find((d) => d.name === deleteName);
if (doomed) {
  process.stdout.write('progress deleting\n');
  await core.services.library.delete(doomed.id);
}
process.stdout.write('done\n');
await core.dispose();
process.exit(0);
