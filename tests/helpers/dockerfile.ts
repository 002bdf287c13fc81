import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './tempCore';

/** One Dockerfile instruction: its keyword (upper case), its arguments as written, and its exec-form array if any. */
export interface DockerInstruction {
  keyword: string;
  args: string;
  /** The JSON array of an exec-form instruction (`CMD ["node", "x"]`); null for shell form. */
  exec: string[] | null;
  line: number;
}

/**
 * The repository's Dockerfile as instructions, enough to check its structure and run its entry without a Docker
 * engine: comments dropped, line continuations joined, exec forms parsed as JSON.
 */
export function readDockerfile(path = join(repoRoot, 'Dockerfile')): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let start = 0;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const text = raw.trim();
      if (pending === '' && (text === '' || text.startsWith('#'))) return;
      if (pending === '') start = index + 1;
      if (text.endsWith('\\')) {
        pending += `${text.slice(0, -1)} `;
        return;
      }
      const whole = pending + text;
      pending = '';
      const match = /^(\S+)\s*(.*)$/.exec(whole);
      if (!match) return;
      const args = match[2] ?? '';
      let exec: string[] | null = null;
      if (args.startsWith('[')) {
        const parsed = JSON.parse(args) as unknown;
        if (Array.isArray(parsed) && parsed.every((part) => typeof part === 'string')) exec = parsed;
      }
      instructions.push({ keyword: (match[1] ?? '').toUpperCase(), args, exec, line: start });
    });
  return instructions;
}

/** The instructions of the last stage (after the last FROM). */
export function finalStage(instructions: DockerInstruction[]): DockerInstruction[] {
  const from = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  return instructions.slice(from);
}

/** `ENV` pairs of a stage (`ENV A=1 B=2` form). */
export function envOf(stage: DockerInstruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of stage.filter((i) => i.keyword === 'ENV')) {
    for (const [, name, value] of instruction.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
      if (name !== undefined && value !== undefined) env[name] = value.replace(/^"|"$/g, '');
    }
  }
  return env;
}

/** The HEALTHCHECK's command (exec form). */
export function healthcheckCommand(stage: DockerInstruction[]): string[] | null {
  const check = stage.find((i) => i.keyword === 'HEALTHCHECK');
  const json = check ? /CMD\s+(\[.*\])$/.exec(check.args)?.[1] : undefined;
  return json ? (JSON.parse(json) as string[]) : null;
}
