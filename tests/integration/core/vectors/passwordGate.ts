import { connect, createServer, type Socket } from 'node:net';

/**
 * A PostgreSQL front door that asks every client for a cleartext password (the wire protocol's
 * AuthenticationCleartextPassword), records it, and only then hands the connection to the real server behind it.
 * PGlite trusts every connection, so without this no test could see which password the `pg` client really sends.
 */
export interface PasswordGate {
  /** postgres://postgres@127.0.0.1:<port>/postgres (no password: the client must supply one when asked). */
  url: string;
  /** Every password a client sent, in order. */
  seen: string[];
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;

/** Starts a gate on a free loopback port in front of `upstreamPort`; only `expected` is let through. */
export async function startPasswordGate(upstreamPort: number, expected: string): Promise<PasswordGate> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buffered = Buffer.alloc(0);
    let startup: Buffer | null = null;
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!startup) {
        if (buffered.length < 8) return;
        const length = buffered.readInt32BE(0);
        if (buffered.length < length) return;
        const message = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        if (length === 8 && message.readInt32BE(4) === SSL_REQUEST) {
          client.write('N'); // no TLS here; the client goes on in plain text
          return onData(Buffer.alloc(0));
        }
        startup = Buffer.from(message);
        client.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])); // 'R', length 8, cleartext password
        return onData(Buffer.alloc(0));
      }
      if (buffered.length < 5) return;
      const length = buffered.readInt32BE(1);
      if (buffered.length < length + 1) return;
      if (buffered[0] !== 0x70) {
        client.destroy(); // anything but a PasswordMessage
        return;
      }
      const password = buffered.subarray(5, length).toString('utf8').replace(/\0$/, '');
      const rest = buffered.subarray(length + 1);
      client.off('data', onData);
      seen.push(password);
      if (password !== expected) {
        const fields = Buffer.from('SFATAL\0C28P01\0Mpassword authentication failed for user "postgres"\0\0');
        const header = Buffer.alloc(5);
        header.write('E', 0);
        header.writeInt32BE(fields.length + 4, 1);
        client.end(Buffer.concat([header, fields]));
        return;
      }
      const upstream = connect(upstreamPort, '127.0.0.1', () => {
        upstream.write(startup!);
        if (rest.length) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
