// `npx tsx scripts/security/writeNotices.ts [out]`: the third-party notices the app ships (electron-builder.yml
// extraResources → Resources/THIRD_PARTY_NOTICES.txt): every runtime dependency with its licence and, where the
// installed package has one, its licence file's text. Default out: dist/THIRD_PARTY_NOTICES.txt.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimePackages } from './runtimePackages';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = resolve(process.argv[2] ?? join(root, 'dist/THIRD_PARTY_NOTICES.txt'));
const parts = [
  'Hearth includes the following third-party software. Each is distributed under the licence named with it.',
  '',
];
let withText = 0;
for (const pkg of runtimePackages(root)) {
  const dir = join(root, pkg.path);
  // Another platform's native package is in the lock but not installed here: named without its text.
  const file = existsSync(dir)
    ? readdirSync(dir).find((name) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(name))
    : undefined;
  parts.push('-'.repeat(78), `${pkg.name} ${pkg.version} — ${pkg.license ?? 'licence not declared'}`, '');
  if (file) {
    parts.push(readFileSync(join(dir, file), 'utf8').trim(), '');
    withText++;
  }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${parts.join('\n')}\n`);
console.log(`${out}: ${String(runtimePackages(root).length)} packages, ${String(withText)} licence texts`);
