import type { DocumentRecord } from './catalogTypes';

/**
 * The name a citation gives a document: its own name, and for an email's attachment also the mail it came with
 * ("terms.pdf, attached to Invoice 42 (invoice.eml)"), so a source is never an anonymous file.
 */
export function sourceName(doc: Pick<DocumentRecord, 'name' | 'attachedTo'>): string {
  return doc.attachedTo ? `${doc.name}, ${doc.attachedTo}` : doc.name;
}
