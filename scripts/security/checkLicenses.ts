// `npx tsx scripts/security/checkLicenses.ts`: every runtime dependency's licence must be on the allowed list
// (security/license-policy.json); prints the ones that are not and exits 1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimePackages } from './runtimePackages';

interface Policy {
  allowed: string[];
  exceptions: { package: string; license: string; reason: string }[];
}

/** Whether an SPDX expression (ids, OR, AND, parentheses, `+`) is allowed: OR needs one side, AND both. */
export function licenseAllowed(expression: string, allowed: ReadonlySet<string>): boolean {
  const tokens = expression.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let at = 0;
  const orExpr = (): boolean => {
    let value = andExpr();
    while (tokens[at] === 'OR') {
      at++;
      const right = andExpr();
      value = value || right;
    }
    return value;
  };
  const andExpr = (): boolean => {
    let value = atom();
    while (tokens[at] === 'AND') {
      at++;
      const right = atom();
      value = value && right;
    }
    return value;
  };
  const atom = (): boolean => {
    const token = tokens[at++];
    if (token === '(') {
      const value = orExpr();
      at++;
      return value;
    }
    return token !== undefined && allowed.has(token.replace(/\+$/, ''));
  };
  const result = orExpr();
  return result && at === tokens.length;
}

/** Runtime packages whose licence is missing or not allowed, as `name@version: licence`. */
export function licenseProblems(root: string): string[] {
  const policy = JSON.parse(readFileSync(join(root, 'security/license-policy.json'), 'utf8')) as Policy;
  const allowed = new Set(policy.allowed);
  return runtimePackages(root).flatMap((pkg) => {
    if (!pkg.license) return [`${pkg.name}@${pkg.version}: no licence declared`];
    if (policy.exceptions.some((e) => e.package === pkg.name && e.license === pkg.license)) return [];
    return licenseAllowed(pkg.license, allowed) ? [] : [`${pkg.name}@${pkg.version}: ${pkg.license}`];
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = licenseProblems(fileURLToPath(new URL('../../', import.meta.url)));
  if (problems.length > 0) {
    console.error('Runtime dependencies with a licence not on security/license-policy.json:');
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log('Every runtime dependency has an allowed licence.');
}
