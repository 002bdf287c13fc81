/**
 * Time left in words, rounded the way people say it: "About 3 minutes left"; anything under a minute is "Less than a
 * minute left" (seconds-level estimates jump about too much to be worth reading).
 */
export function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return 'Estimating time left…';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return 'Less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 2) return 'About a minute left';
  if (minutes < 60) return `About ${String(minutes)} minutes left`;
  const hours = Math.round(minutes / 60);
  if (hours < 2) return 'About an hour left';
  if (hours < 48) return `About ${String(hours)} hours left`;
  return `About ${String(Math.round(hours / 24))} days left`;
}
