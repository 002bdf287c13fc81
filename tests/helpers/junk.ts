/** Deterministic pseudo-random junk payloads for contract fuzzing (mulberry32). */
export function junkPayloads(seed: number, count: number): unknown[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const value = (depth: number): unknown => {
    switch (Math.floor(random() * 9)) {
      case 0:
        return null;
      case 1:
        return Math.floor(random() * 2e9) - 1e9;
      case 2:
        return random() * 1e6;
      case 3:
        return 'x'.repeat(Math.floor(random() * 300)) + pick(['\u0000', '<script>', '../../etc/passwd', '💥']);
      case 4:
        return random() < 0.5;
      case 5:
        return depth > 2 ? [] : Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      case 6:
        return pick([Number.NaN, Infinity, -0, 1e308]);
      default: {
        if (depth > 2) return {};
        const obj: Record<string, unknown> = {};
        const keys = [
          'name',
          'value',
          'handle',
          'intervalMs',
          'count',
          'echo',
          'appearance',
          'theme',
          '__proto__x',
          'constructor',
          pick(['a', 'b', 'zz']),
        ];
        for (let i = 0; i < 1 + Math.floor(random() * 3); i++) obj[pick(keys)] = value(depth + 1);
        return obj;
      }
    }
  };
  const fixed: unknown[] = [null, undefined, 0, 'junk', [], [1, 2], true, { a: 1 }, { name: 42 }, { value: null }];
  return [...fixed, ...Array.from({ length: count }, () => value(0))];
}
