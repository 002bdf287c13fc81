/** 93_000 → "1 min 33 s"; 7_380_000 → "2 h 3 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const n = String;
  if (days > 0) return `${n(days)} d ${n(hours)} h`;
  if (hours > 0) return `${n(hours)} h ${n(minutes)} min`;
  if (minutes > 0) return `${n(minutes)} min ${n(rest)} s`;
  return `${n(rest)} s`;
}
