import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from './batcher';

describe('burst batcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands over a burst once it is quiet', () => {
    const got: number[][] = [];
    const b = createBatcher<number>((x) => got.push(x), { quietMs: 100, maxWaitMs: 1000 });
    for (let i = 0; i < 5000; i++) b.push(i);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(got).toHaveLength(1);
    expect(got[0]).toHaveLength(5000);
  });

  it('hands over a steady stream at the latest after maxWait', () => {
    const got: number[][] = [];
    const b = createBatcher<number>((x) => got.push(x), { quietMs: 100, maxWaitMs: 300 });
    for (let i = 0; i < 10; i++) {
      b.push(i);
      vi.advanceTimersByTime(50);
    }
    expect(got.length).toBeGreaterThanOrEqual(1);
    expect(got[0]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('drops what is pending on cancel', () => {
    const got: number[][] = [];
    const b = createBatcher<number>((x) => got.push(x), { quietMs: 100, maxWaitMs: 300 });
    b.push(1);
    b.cancel();
    vi.advanceTimersByTime(1000);
    expect(got).toEqual([]);
  });
});
