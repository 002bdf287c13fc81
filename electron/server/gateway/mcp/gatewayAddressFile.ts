import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** Where a running headless server says it listens, for the MCP stdio proxy (`run/gateway.json` in the data folder). */
const GatewayAddressSchema = z.object({
  /** The server's process, to tell a file left by a crash from a live server. */
  pid: z.int().positive(),
  /** Base URL, e.g. http://127.0.0.1:43117 */
  origin: z.string().url(),
  mcpUrl: z.string().url(),
});
export type GatewayAddress = z.infer<typeof GatewayAddressSchema>;

/** The address file of the data folder `dataDir`. */
export function gatewayAddressPath(dataDir: string): string {
  return join(dataDir, 'run', 'gateway.json');
}

/**
 * Writes the address file (mode 0600: only this user reads where Hearth listens) in one step, so a reader sees a
 * whole file or none; returns its removal, which leaves a newer server's file alone.
 */
export async function writeGatewayAddress(dataDir: string, address: GatewayAddress): Promise<() => Promise<void>> {
  const path = gatewayAddressPath(dataDir);
  await mkdir(join(dataDir, 'run'), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(address)}\n`, { mode: 0o600 });
  await rename(temp, path);
  return async () => {
    const current = await readGatewayAddress(dataDir).catch(() => null);
    if (current?.pid === address.pid && current.origin === address.origin) await rm(path, { force: true });
  };
}

/** The address file's content; null when there is none (no server running on this data folder). */
export async function readGatewayAddress(dataDir: string): Promise<GatewayAddress | null> {
  let text: string;
  try {
    text = await readFile(gatewayAddressPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = GatewayAddressSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${gatewayAddressPath(dataDir)} is not a Hearth address file.`);
  return parsed.data;
}
