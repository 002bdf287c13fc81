import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { resolveDataDir } from '../core/paths/resolveDataDir';
import { readGatewayAddress } from './gateway/mcp/gatewayAddressFile';

/*
 * The container's HEALTHCHECK: asks the running shell's /healthz. The shell writes where it listens to
 * `run/gateway.json` in the data folder, so the check needs no port or scheme of its own. The certificate is not
 * checked: the request stays on this machine and answers only "alive".
 */
async function check(): Promise<void> {
  const address = await readGatewayAddress(resolveDataDir());
  if (!address) throw new Error('no Hearth server has written run/gateway.json in the data folder yet');
  const url = new URL('/healthz', address.origin);
  const status = await new Promise<number>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsGet : httpGet)(
      url,
      { rejectUnauthorized: false, timeout: 4000 },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${url.href} did not answer within 4 s`)));
    request.on('error', reject);
  });
  if (status !== 200) throw new Error(`${url.href} answered ${status}`);
}

check().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`unhealthy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
