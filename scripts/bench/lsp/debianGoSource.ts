import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { WorkspaceFile } from '../../../electron/core/lsp/lspProtocol';

const run = promisify(execFile);
/** Go's x/tools as Debian ships it (source files under /usr/share/gocode): a real, large Go code base. */
export const DEBIAN_GO_PACKAGE = 'golang-golang-x-tools-dev';

/**
 * The `.go` files of DEBIAN_GO_PACKAGE, fetched with `apt-get download` into $TMPDIR/hearth-bench-corpus and unpacked
 * with `dpkg-deb -x` on first use. Fails with a message naming the package and the tools when they are missing.
 */
export async function debianGoSource(): Promise<{ files: WorkspaceFile[]; bytes: number }> {
  const dir = join(tmpdir(), 'hearth-bench-corpus', DEBIAN_GO_PACKAGE);
  const root = join(dir, 'tree');
  if (!existsSync(root)) {
    await mkdir(dir, { recursive: true });
    try {
      await run('apt-get', ['download', DEBIAN_GO_PACKAGE], { cwd: dir });
      const deb = (await readdir(dir)).find((f) => f.endsWith('.deb'));
      if (!deb) throw new Error('apt-get download left no .deb');
      await run('dpkg-deb', ['-x', join(dir, deb), root]);
    } catch (error) {
      throw new Error(
        `The lsp bench reads the Debian package ${DEBIAN_GO_PACKAGE} (apt-get download + dpkg-deb): ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const files: WorkspaceFile[] = [];
  let bytes = 0;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.go')) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8');
    bytes += Buffer.byteLength(text);
    files.push({ uri: pathToFileURL(path).href, text });
  }
  return { files, bytes };
}
