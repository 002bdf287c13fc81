/** What each program Hearth starts does, in words: full, and short enough for a chart's axis (about ten letters). */
const PLAIN_NAMES: Record<string, { full: string; short: string }> = {
  inference: { full: 'Model engine', short: 'Models' },
  chroma: { full: 'Search index', short: 'Search' },
  objects: { full: 'File storage', short: 'Files' },
  postgres: { full: 'Database', short: 'Database' },
  lsp: { full: 'Code understanding', short: 'Code' },
  core: { full: 'Hearth itself', short: 'Hearth' },
};

/** A supervised program's (or process's) name as a person reads it; unknown names are shown as they are. */
export function processName(name: string, length: 'full' | 'short' = 'full'): string {
  return PLAIN_NAMES[name]?.[length] ?? name;
}
