import { describe, expect, it } from 'vitest';
import { contract } from '../../../../electron/shared/contract';
import { mergeHandlers } from '../../../../electron/core/lifecycle/mergeHandlers';

const served = Object.fromEntries(
  Object.entries(contract)
    .filter(([, entry]) => entry.kind !== 'event')
    .map(([channel]) => [channel, () => undefined]),
);

describe('mergeHandlers', () => {
  it('joins parts that serve every call and stream channel once', () => {
    const [first, ...rest] = Object.keys(served);
    const merged = mergeHandlers([
      { handlers: { [first!]: served[first!] } },
      { handlers: Object.fromEntries(rest.map((c) => [c, served[c]])) },
    ]);
    expect(Object.keys(merged).sort()).toEqual(Object.keys(served).sort());
  });

  it('refuses a channel served by two parts', () => {
    expect(() => mergeHandlers([{ handlers: served }, { handlers: { 'app.info': () => undefined } }])).toThrow(
      'Two parts serve the channel "app.info".',
    );
  });

  it('names every channel no part serves', () => {
    const { 'app.info': _a, 'settings.get': _s, ...partial } = served;
    expect(() => mergeHandlers([{ handlers: partial }])).toThrow('No part serves "app.info", "settings.get".');
  });
});
