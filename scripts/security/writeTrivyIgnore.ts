// Writes .trivyignore from the allow-list (one id per line with Trivy's `exp:` expiry), so Trivy honours the same
// reviewed entries as the npm audit gate (scripts/security/checkAudit.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { activeAllowList } from './allowList';

const root = fileURLToPath(new URL('../../', import.meta.url));
const lines = [...activeAllowList(root, new Date())].map(([id, entry]) => `${id} exp:${entry.expires}`);
writeFileSync(`${root}.trivyignore`, `${lines.join('\n')}\n`);
console.log(`.trivyignore: ${String(lines.length)} id(s)`);
