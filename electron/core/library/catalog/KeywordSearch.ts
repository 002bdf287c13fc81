import type { KeywordHit, KeywordSearchOptions } from './catalogTypes';

/** The keyword index as the catalogue uses it: FTS5 on SQLite (KeywordIndex), tsvector on PostgreSQL. */
export interface KeywordSearch {
  /** Ranked chunks of indexed documents for the words of `query`, best first. */
  search(query: string, options: KeywordSearchOptions): KeywordHit[];
  /** Rows the index holds (of one document, or all). */
  rowCount(documentId?: string): number;
  /** True when the index holds exactly one sound row per chunk. */
  verify(): boolean;
  /** Fills the index again from the chunks. */
  rebuild(): void;
}
