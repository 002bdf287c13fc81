import type { ChildStatus } from '@shared/schemas';

export type ServicesTone = 'ok' | 'busy' | 'warn' | 'bad';

const NAMES: Record<string, string> = { chroma: 'Chroma', minio: 'MinIO', postgres: 'PostgreSQL', s3rver: 'S3 server' };

/** A supervisor child's name as people know it. */
function serviceName(name: string): string {
  return NAMES[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
}

/** One phrase for all background services, worst state first ("Chroma stopped", "Restarting…", "Services OK"). */
export function summariseServices(children: readonly ChildStatus[] | null): { text: string; tone: ServicesTone } {
  if (children === null) return { text: 'Checking services…', tone: 'busy' };
  const inState = (...states: ChildStatus['state'][]) => children.filter((c) => states.includes(c.state));
  const describe = (list: ChildStatus[], word: string) =>
    list.length === 1 ? `${serviceName(list[0]?.name ?? '')} ${word}` : `${String(list.length)} services ${word}`;
  const failed = inState('failed');
  if (failed.length > 0) return { text: describe(failed, 'failed'), tone: 'bad' };
  const unhealthy = inState('unhealthy');
  if (unhealthy.length > 0) return { text: describe(unhealthy, 'unhealthy'), tone: 'warn' };
  const stopped = inState('stopped');
  if (stopped.length > 0) return { text: describe(stopped, 'stopped'), tone: 'warn' };
  if (inState('backoff').length > 0) return { text: 'Restarting…', tone: 'warn' };
  if (inState('starting', 'stopping').length > 0) return { text: 'Starting…', tone: 'busy' };
  return { text: 'Services OK', tone: 'ok' };
}
