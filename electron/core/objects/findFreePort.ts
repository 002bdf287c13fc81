import { createServer } from 'node:net';

/**
 * A TCP port free on `host` right now: the OS picks one for a throwaway listener. Another process could take it before
 * the server binds it; the supervisor's failed start then says so, and a restart of Hearth picks another.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('the OS did not assign a port'))));
    });
  });
}
