import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One reviewed, accepted finding of the dependency scans (security/vulnerability-allowlist.json). */
export interface AllowListEntry {
  /** GHSA or CVE id. */
  id: string;
  /** Other ids of the same advisory (a GHSA's CVE): Trivy and npm audit name findings differently. */
  aliases?: string[];
  package: string;
  /** Why it is accepted. */
  reason: string;
  reviewedBy: string;
  /** YYYY-MM-DD: from the day after, the entry no longer counts. */
  expires: string;
}

export function readAllowList(root: string): AllowListEntry[] {
  const file = JSON.parse(readFileSync(join(root, 'security/vulnerability-allowlist.json'), 'utf8')) as {
    entries: AllowListEntry[];
  };
  return file.entries;
}

/** Entries that still count on `today`, by id and by alias. */
export function activeAllowList(root: string, today: Date): Map<string, AllowListEntry> {
  const day = today.toISOString().slice(0, 10);
  const active = new Map<string, AllowListEntry>();
  for (const entry of readAllowList(root)) {
    if (entry.expires < day) {
      console.warn(`allow-list entry ${entry.id} expired on ${entry.expires}: it no longer counts`);
      continue;
    }
    for (const id of [entry.id, ...(entry.aliases ?? [])]) active.set(id, entry);
  }
  return active;
}
