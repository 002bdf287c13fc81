import { connect } from 'node:net';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import type { HealthProbe } from './ChildSpec';
import type { SupervisedChild } from './SupervisedChild';

/** Runs one health check; resolves when the child looks well, rejects with a human-readable reason otherwise. */
export async function runProbe(probe: HealthProbe, child: SupervisedChild, timeoutMs: number): Promise<void> {
  switch (probe.kind) {
    case 'http':
      return probeHttp(typeof probe.url === 'function' ? probe.url(child) : probe.url, timeoutMs);
    case 'tcp':
      return probeTcp(probe.host, probe.port, timeoutMs);
    case 'jsonrpc':
      return probeJsonRpc(child, probe.method ?? 'ping', timeoutMs);
    case 'custom':
      return withTimeout(probe.check(child), timeoutMs, `custom health check took over ${timeoutMs} ms`);
  }
}

async function probeHttp(url: string, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (error) {
    throw new Error(`GET ${url} failed: ${describe(error)}`, { cause: error });
  }
  // Drain the body so the keep-alive socket is released rather than left for the GC.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }
}

function probeTcp(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(
      () => fail(new Error(`no TCP connection to ${host}:${port} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    function fail(error: Error): void {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    }
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => fail(new Error(`TCP ${host}:${port}: ${describe(error)}`, { cause: error })));
  });
}

async function probeJsonRpc(child: SupervisedChild, method: string, timeoutMs: number): Promise<void> {
  const connection = child.connection;
  if (!connection) throw new Error(`no JSON-RPC connection (the child is not running in 'pipe' mode)`);
  const source = new CancellationTokenSource();
  const answer = connection.sendRequest(method, source.token).then(
    () => undefined,
    (error: unknown) => {
      throw new Error(`"${method}" failed: ${describe(error)}`, { cause: error });
    },
  );
  try {
    await withTimeout(answer, timeoutMs, `no answer to "${method}" within ${timeoutMs} ms`);
  } catch (error) {
    // Tell a slow child to drop the request, so probes do not pile up inside it.
    source.cancel();
    answer.catch(() => undefined);
    throw error;
  } finally {
    source.dispose();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Races `promise` against a timer; the timer never outlives the race. */
function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
