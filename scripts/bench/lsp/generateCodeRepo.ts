import type { WorkspaceFile } from '../../../electron/core/lsp/lspProtocol';

/** A call whose definition is known: where it is, and the file that defines the called function. */
export interface KnownCall {
  uri: string;
  line: number;
  character: number;
  definedIn: string;
}

export interface GeneratedRepo {
  files: WorkspaceFile[];
  calls: KnownCall[];
  /** Every function name, for workspace/symbol queries. */
  names: string[];
}

const LANGUAGES = ['ts', 'py', 'rs', 'go'] as const;
type Lang = (typeof LANGUAGES)[number];
const FUNCTIONS_PER_FILE = 8;
const METHODS = 3;

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same repository. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fnName = (lang: Lang, file: number, k: number): string =>
  lang === 'go' ? `Fn${String(file)}x${String(k)}` : `${lang}_fn_${String(file)}_${String(k)}`;

/**
 * `count` source files spread evenly over TypeScript, Python, Rust and Go (about 110 lines each): functions with doc
 * comments and locals that call functions of other files of the same language, and one type with methods.
 */
export function generateCodeRepo(count: number): GeneratedRepo {
  const rand = random(17);
  const perLang = Math.ceil(count / LANGUAGES.length);
  const files: WorkspaceFile[] = [];
  const calls: KnownCall[] = [];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const lang = LANGUAGES[i % LANGUAGES.length]!;
    const file = Math.floor(i / LANGUAGES.length);
    const uri = `file:///bench/${lang}/mod${String(file)}.${lang}`;
    const lines: string[] = [];
    const callee = (): { name: string; uri: string } => {
      const other = Math.floor(rand() * perLang);
      return {
        name: fnName(lang, other, Math.floor(rand() * FUNCTIONS_PER_FILE)),
        uri: `file:///bench/${lang}/mod${String(other)}.${lang}`,
      };
    };
    const emitCall = (prefix: string, target: { name: string; uri: string }, suffix: string): void => {
      calls.push({ uri, line: lines.length, character: prefix.length, definedIn: target.uri });
      lines.push(`${prefix}${target.name}${suffix}`);
    };
    if (lang === 'go') lines.push(`package mod${String(file)}`, '');
    for (let k = 0; k < FUNCTIONS_PER_FILE; k++) {
      const name = fnName(lang, file, k);
      names.push(name);
      const a = callee();
      const b = callee();
      switch (lang) {
        case 'ts':
          lines.push(`/** Computes step ${String(k)} of module ${String(file)}. */`);
          lines.push(`export function ${name}(input: number, scale = 2): number {`);
          lines.push('  const doubled = input * scale;');
          emitCall('  const first = ', a, '(doubled);');
          emitCall('  const second = ', b, '(first + input);');
          lines.push('  return doubled + first + second;', '}', '');
          break;
        case 'py':
          lines.push(`def ${name}(value, scale=2):`);
          lines.push(`    """Computes step ${String(k)} of module ${String(file)}."""`);
          lines.push('    doubled = value * scale');
          emitCall('    first = ', a, '(doubled)');
          emitCall('    second = ', b, '(first + value)');
          lines.push('    return doubled + first + second', '', '');
          break;
        case 'rs':
          lines.push(`/// Computes step ${String(k)} of module ${String(file)}.`);
          lines.push(`pub fn ${name}(input: i64, scale: i64) -> i64 {`);
          lines.push('    let doubled = input * scale;');
          emitCall('    let first = ', a, '(doubled, 2);');
          emitCall('    let second = ', b, '(first + input, 3);');
          lines.push('    doubled + first + second', '}', '');
          break;
        case 'go':
          lines.push(`// ${name} computes step ${String(k)} of module ${String(file)}.`);
          lines.push(`func ${name}(input int, scale int) int {`);
          lines.push('\tdoubled := input * scale');
          emitCall('\tfirst := ', a, '(doubled, 2)');
          emitCall('\tsecond := ', b, '(first+input, 3)');
          lines.push('\treturn doubled + first + second', '}', '');
          break;
      }
    }
    const type = `Store${String(file)}`;
    const methods = Array.from({ length: METHODS }, (_, m) => `method${String(m)}`);
    switch (lang) {
      case 'ts':
        lines.push(`export class ${type} {`, '  private total = 0;');
        for (const m of methods)
          lines.push(`  ${m}(item: number): number {`, '    this.total += item;', '    return this.total;', '  }');
        lines.push('}');
        break;
      case 'py':
        lines.push(`class ${type}:`, '    def __init__(self):', '        self.total = 0', '');
        for (const m of methods)
          lines.push(`    def ${m}(self, item):`, '        self.total += item', '        return self.total', '');
        break;
      case 'rs':
        lines.push(`pub struct ${type} {`, '    total: i64,', '}', '', `impl ${type} {`);
        for (const m of methods)
          lines.push(
            `    pub fn ${m}(&mut self, item: i64) -> i64 {`,
            '        self.total += item;',
            '        self.total',
            '    }',
          );
        lines.push('}');
        break;
      case 'go':
        lines.push(`type ${type} struct {`, '\ttotal int', '}', '');
        for (const m of methods)
          lines.push(`func (s *${type}) ${m}(item int) int {`, '\ts.total += item', '\treturn s.total', '}', '');
        break;
    }
    files.push({ uri, text: `${lines.join('\n')}\n` });
  }
  return { files, calls, names };
}
