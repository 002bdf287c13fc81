import { describe, expect, it } from 'vitest';
import { citedNumbers } from '../../../electron/shared/citations';

describe('citedNumbers', () => {
  it('counts single marks, runs of marks and groups alike', () => {
    expect([...citedNumbers('A [2]. B [1][3]. C [1, 4].', 5)].sort()).toEqual([1, 2, 3, 4]);
  });

  it('leaves out numbers with no source and brackets that are not citations', () => {
    expect([...citedNumbers('See [2, 7] and [9].', 3)]).toEqual([2]);
    expect(citedNumbers('a [0] b [x] c [ 2 ] d `[1`', 3).size).toBe(0);
  });
});
