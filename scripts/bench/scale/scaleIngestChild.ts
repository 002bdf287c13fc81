// The scale bench's ingesting core, in its own process so the bench can SIGKILL it half-way through.
// argv: dataDir corpusDir mode. mode `ingest` submits the corpus; `resume` submits nothing and waits while the core
// resumes the jobs a killed run left (it does so by itself at start). Prints `ready`, `indexed <name> <ms>` per
// document done (performance.timeOrigin + now, so the parent can line it up with its own clock), `done` at the end.
import { startTestCore, waitFor } from '../../../tests/helpers/tempCore';

const [dataDir, corpusDir, mode] = process.argv.slice(2) as [string, string, 'ingest' | 'resume'];
const core = await startTestCore(dataDir, { startSidecars: true });
const now = (): number => performance.timeOrigin + performance.now();
// Before storage is ready: the core resumes a killed run's jobs as soon as it is.
core.services.events.on('library.progress', (event) => {
  if (event.kind !== 'file') return;
  if (event.stage === 'indexed') process.stdout.write(`indexed ${event.name} ${now()}\n`);
  if (event.stage === 'failed') process.stdout.write(`failed ${event.name} ${event.error?.message ?? ''}\n`);
});
await core.services.storage.ready;
process.stdout.write(`ready ${now()}\n`);
if (mode === 'ingest') await core.services.library.ingest({ paths: [corpusDir] });
else {
  await waitFor(
    'the resumed jobs to finish',
    () => core.services.libraryCatalog.jobs.listResumable().length === 0,
    24 * 3600_000,
  );
}
process.stdout.write(`done ${now()}\n`);
await core.dispose();
process.exit(0);
