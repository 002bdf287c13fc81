import { execFile } from 'node:child_process';
import { copyFile, lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where a Debian documentation package's pages are read from. */
export interface DebianManualOptions {
  /** The package, e.g. `git-doc`. */
  pkg: string;
  /** The pages' folder inside the package, e.g. `usr/share/doc/git-doc`. */
  root: string;
  /** A cache folder the package is unpacked under when it is not installed (kept between runs). */
  cacheDir: string;
}

/** An unpacked (or installed) manual. */
export interface DebianManual {
  /** The folder holding the pages. */
  dir: string;
  version: string;
  origin: 'installed' | 'cache' | 'downloaded';
}

const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

/**
 * The manual's pages: the installed package if it is there, else the copy unpacked in the cache, else the package
 * downloaded now with `apt-get download` and unpacked with `dpkg-deb -x` (neither needs root; `apt-get update` is
 * tried once, as root only, when apt does not know the package). Fails with a message naming the package.
 */
export async function ensureDebianManual(o: DebianManualOptions): Promise<DebianManual> {
  const installed = join('/', o.root);
  const version = await run('dpkg-query', ['-W', '-f=${Version}', o.pkg]).then(
    (r) => r.stdout.trim(),
    () => '',
  );
  if (version && (await exists(installed))) return { dir: installed, version, origin: 'installed' };

  const home = join(o.cacheDir, o.pkg);
  const tree = join(home, 'tree');
  const stamp = join(home, 'VERSION');
  if (await exists(stamp))
    return { dir: join(tree, o.root), version: (await readFile(stamp, 'utf8')).trim(), origin: 'cache' };

  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  try {
    await download(o.pkg, home);
    const deb = (await readdir(home)).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download left no .deb');
    const debVersion = (await run('dpkg-deb', ['-f', join(home, deb), 'Version'])).stdout.trim();
    await run('dpkg-deb', ['-x', join(home, deb), tree]);
    await rm(join(home, deb));
    if (!(await exists(join(tree, o.root)))) throw new Error(`the package has no ${o.root}`);
    await writeFile(stamp, debVersion);
    return { dir: join(tree, o.root), version: debVersion, origin: 'downloaded' };
  } catch (error) {
    await rm(home, { recursive: true, force: true });
    const why = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    throw new Error(
      `The retrieval bench reads the Debian package "${o.pkg}" and could not get it (${why}). ` +
        `Install it (apt-get install ${o.pkg}) or make "apt-get download ${o.pkg}" work, then run the bench again.`,
      { cause: error },
    );
  }
}

async function download(pkg: string, cwd: string): Promise<void> {
  try {
    await run('apt-get', ['download', pkg], { cwd });
  } catch (error) {
    // A fresh machine may have no package lists yet; only root can fetch them.
    if (process.getuid?.() !== 0) throw error;
    await run('apt-get', ['update'], { timeout: 300_000 });
    await run('apt-get', ['download', pkg], { cwd });
  }
}

/**
 * The manual's HTML pages (paths relative to `dir`, sorted), regular files only: a symlinked page (index.html →
 * git.html) is the same page twice. With `maxPages`, the `keep` pages (the questions' answers) and then the others
 * in order, up to that many.
 */
export async function manualPages(
  dir: string,
  options: { maxPages?: number; keep?: ReadonlySet<string> } = {},
): Promise<string[]> {
  const pages: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    pages.push(join(entry.parentPath, entry.name).slice(dir.length + 1));
  }
  pages.sort();
  const max = options.maxPages;
  if (!max || max >= pages.length) return pages;
  const keep = options.keep ?? new Set<string>();
  const chosen = pages.filter((p) => keep.has(p));
  for (const page of pages) {
    if (chosen.length >= max) break;
    if (!keep.has(page)) chosen.push(page);
  }
  return chosen.sort();
}

/** Copies the pages into `to`, keeping their folders: the library ingests that folder and nothing else. */
export async function copyPages(from: string, pages: readonly string[], to: string): Promise<void> {
  for (const page of pages) {
    await mkdir(dirname(join(to, page)), { recursive: true });
    await copyFile(join(from, page), join(to, page));
  }
}
