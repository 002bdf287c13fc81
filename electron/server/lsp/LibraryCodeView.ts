import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import type { WorkspaceFile } from '../../core/lsp/lspProtocol';

/** Files larger than this are left out, as the core's code index leaves them out. */
const MAX_CODE_BYTES = 2 * 1024 * 1024;

interface Row {
  id: string;
  source_path: string;
  updated_at: number;
}

/** What changed in the library's code since the last look. */
export interface CodeChanges {
  files: WorkspaceFile[];
  removed: string[];
}

/**
 * A read-only view of a Hearth library's code documents for `hearth-lsp`: it opens the catalogue read-only for each
 * look (never holding it, never writing) and reads each indexed code document from its source path, which is where
 * the editor has it too. Documents without a source path (uploads) are not part of the view.
 */
export class LibraryCodeView {
  readonly #seen = new Map<string, { uri: string; updatedAt: number }>();

  constructor(
    private readonly catalogPath: string,
    private readonly extensions: ReadonlySet<string>,
  ) {}

  /** Everything new or changed since the previous call, and the URIs of documents gone. */
  async changes(): Promise<CodeChanges> {
    const rows = this.#rows().filter((r) => this.extensions.has(extname(r.source_path).toLowerCase()));
    const files: WorkspaceFile[] = [];
    const current = new Set<string>();
    for (const row of rows) {
      current.add(row.id);
      const seen = this.#seen.get(row.id);
      if (seen?.updatedAt === row.updated_at) continue;
      const uri = pathToFileURL(row.source_path).href;
      const text = await readFile(row.source_path).then(
        (bytes) => (bytes.length > MAX_CODE_BYTES ? null : bytes.toString('utf8')),
        () => null,
      );
      this.#seen.set(row.id, { uri, updatedAt: row.updated_at });
      if (text !== null) files.push({ uri, text });
    }
    const removed: string[] = [];
    for (const [id, seen] of this.#seen) {
      if (current.has(id)) continue;
      removed.push(seen.uri);
      this.#seen.delete(id);
    }
    return { files, removed };
  }

  #rows(): Row[] {
    const db = new DatabaseSync(this.catalogPath, { readOnly: true });
    try {
      return db
        .prepare(
          "SELECT id, source_path, updated_at FROM documents WHERE status = 'indexed' AND type = 'code' AND source_path IS NOT NULL",
        )
        .all() as unknown as Row[];
    } finally {
      db.close();
    }
  }
}
