// `npm audit --json | npx tsx scripts/security/checkAudit.ts`: fails (exit 1) on any high or critical advisory the
// allow-list (security/vulnerability-allowlist.json) does not accept with an unexpired entry. npm audit has no
// allow-list of its own, so the dependency-scan workflow pipes its report through this.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { activeAllowList } from './allowList';

interface AuditVia {
  severity?: string;
  url?: string;
  title?: string;
  range?: string;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const accepted = activeAllowList(root, new Date());
const report = JSON.parse(readFileSync(0, 'utf8')) as {
  vulnerabilities?: Record<string, { via?: (AuditVia | string)[] }>;
};
const blocking = new Set<string>();
for (const [name, vulnerability] of Object.entries(report.vulnerabilities ?? {})) {
  for (const via of vulnerability.via ?? []) {
    if (typeof via !== 'object' || !['high', 'critical'].includes(via.severity ?? '')) continue;
    const id = String(via.url ?? '')
      .split('/')
      .pop();
    const entry = id ? accepted.get(id) : undefined;
    if (entry) console.log(`accepted until ${entry.expires}: ${String(id)} in ${name}`);
    else blocking.add(`${String(via.severity)}: ${id || String(via.title)} in ${name} (${via.range ?? ''})`);
  }
}
if (blocking.size > 0) {
  console.error(`npm audit: ${String(blocking.size)} high or critical finding(s) not on the allow-list:`);
  for (const line of blocking) console.error(`  ${line}`);
  process.exit(1);
}
console.log('npm audit: no high or critical finding outside the allow-list.');
