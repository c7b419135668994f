import { describe, expect, it } from 'vitest';
import { dailyUsage, daysOf, lastDays, niceMax, totals } from './usage';

const k1 = '11111111-1111-4111-8111-111111111111';
const k2 = '22222222-2222-4222-8222-222222222222';

describe('usage for the chart', () => {
  it('takes the last N UTC days, today included, whatever the local time', () => {
    expect(lastDays(7, new Date('2026-11-29T23:30:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(lastDays(1, new Date('2026-03-01T00:10:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('has one entry per day, zeros where nothing happened, keys summed', () => {
    const bars = dailyUsage(
      [
        { keyId: k1, day: '2026-11-27', requests: 100, rejected: 3 },
        { keyId: k2, day: '2026-11-27', requests: 20, rejected: 5 },
        { keyId: k1, day: '2026-11-29', requests: 7, rejected: 0 },
        // Outside the range: not drawn.
        { keyId: k1, day: '2026-11-20', requests: 999, rejected: 999 },
      ],
      { from: '2026-11-27', to: '2026-11-29' },
    );
    expect(bars).toEqual([
      { day: '2026-11-27', requests: 120, rejected: 8 },
      { day: '2026-11-28', requests: 0, rejected: 0 },
      { day: '2026-11-29', requests: 7, rejected: 0 },
    ]);
    expect(totals(bars)).toEqual({ requests: 127, rejected: 8 });
  });

  it('keeps one key when one is chosen', () => {
    const bars = dailyUsage(
      [
        { keyId: k1, day: '2026-11-27', requests: 100, rejected: 3 },
        { keyId: k2, day: '2026-11-27', requests: 20, rejected: 5 },
      ],
      { from: '2026-11-27', to: '2026-11-27' },
      k2,
    );
    expect(bars).toEqual([{ day: '2026-11-27', requests: 20, rejected: 5 }]);
  });

  it('rounds the axis up to 1, 2 or 5 times a power of ten, with whole-number fifths', () => {
    expect(niceMax(0)).toBe(5);
    expect(niceMax(42)).toBe(50);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(120)).toBe(200);
    expect(niceMax(450)).toBe(500);
    expect(niceMax(1000)).toBe(1000);
    for (const value of [0, 3, 7, 42, 120, 999, 123_456]) {
      const max = niceMax(value);
      expect(max).toBeGreaterThanOrEqual(value);
      for (const f of [1, 2, 3, 4]) expect(Number.isInteger((max * f) / 5)).toBe(true);
    }
  });
});
