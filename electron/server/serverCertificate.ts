import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HearthError } from '../shared/errors';

/** A certificate the server speaks https with. */
export interface ServerCertificate {
  /** PEM. */
  cert: string;
  /** PEM private key. */
  key: string;
  /** SHA-256 of the certificate, colon-separated hex: what a browser shows to compare with. */
  fingerprint: string;
}

const run = promisify(execFile);
/** Renewed this long before it expires, so a browser never meets an expired one. */
const RENEW_BEFORE_MS = 30 * 24 * 3600_000;

function describe(cert: string, key: string): ServerCertificate {
  return { cert, key, fingerprint: new X509Certificate(cert).fingerprint256 };
}

/** The certificate and key the user supplied (`--tls-cert`, `--tls-key`); a clear error when they cannot be used. */
export async function loadCertificate(certPath: string, keyPath: string): Promise<ServerCertificate> {
  let cert: string;
  let key: string;
  try {
    [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HearthError('INVALID_INPUT', `The TLS certificate or key could not be read: ${reason}`);
  }
  try {
    return describe(cert, key);
  } catch {
    throw new HearthError('INVALID_INPUT', `${certPath} is not a PEM certificate.`);
  }
}

/** Whether a stored certificate still fits: not close to expiry and naming every address it must serve. */
function fits(cert: string, names: readonly string[]): boolean {
  try {
    const x509 = new X509Certificate(cert);
    if (Date.parse(x509.validTo) - Date.now() < RENEW_BEFORE_MS) return false;
    return names.every((name) => (isIP(name) ? x509.checkIP(name) : x509.checkHost(name)) !== undefined);
  } catch {
    return false;
  }
}

/**
 * A self-signed certificate for `names` (host names and IP addresses), kept in `dir` (0700, files 0600) and reused
 * across starts while it fits, so its fingerprint stays the same one the user already checked. Node has no X.509
 * writer, so `openssl` makes it; without openssl the user is told to supply a certificate instead.
 */
export async function selfSignedCertificate(dir: string, names: readonly string[]): Promise<ServerCertificate> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const stored = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]).catch(() => null);
  if (stored && fits(stored[0], names)) return describe(stored[0], stored[1]);

  const alt = [...new Set(names)].map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  const [newCert, newKey] = [`${certPath}.new`, `${keyPath}.new`];
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  args.push('-days', '397', '-subj', '/CN=Hearth', '-addext', `subjectAltName=${alt}`);
  args.push('-keyout', newKey, '-out', newCert);
  try {
    await run('openssl', args, { timeout: 30_000 });
    await Promise.all([chmod(newCert, 0o600), chmod(newKey, 0o600)]);
    await rename(newKey, keyPath);
    await rename(newCert, certPath);
  } catch (error) {
    await Promise.all([rm(newCert, { force: true }), rm(newKey, { force: true })]);
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new HearthError(
      'INVALID_INPUT',
      missing
        ? 'Making a certificate needs openssl, which is not installed. Install it, or pass --tls-cert and --tls-key.'
        : `openssl could not make a certificate: ${(error as Error).message}`,
    );
  }
  return describe(await readFile(certPath, 'utf8'), await readFile(keyPath, 'utf8'));
}
