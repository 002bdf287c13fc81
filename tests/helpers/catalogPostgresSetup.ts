import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgresServer';

/** Global setup of the `catalogue-postgres` project: one PostgreSQL server for all its files, stopped at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  const url = new URL(server.url);
  project.provide('catalogPostgres', {
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    database: url.pathname.slice(1),
    password: server.password,
  });
  return () => server.stop();
}
