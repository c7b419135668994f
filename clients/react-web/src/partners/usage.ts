// Usage per key and UTC day (core-api's absolute counts, summed over reporters) shaped for the
// chart: one entry per day of the range, days without traffic included as zeros, keys summed
// unless one key is chosen.
import type { UsageDayDto } from '../api/types';

export interface DayRange {
  /** First day, inclusive, `YYYY-MM-DD` (UTC). */
  from: string;
  /** Last day, inclusive, `YYYY-MM-DD` (UTC). */
  to: string;
}

export interface UsageBar {
  day: string;
  requests: number;
  rejected: number;
}

const dayMs = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The last `days` UTC days up to and including today's. */
export function lastDays(days: number, now: Date = new Date()): DayRange {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { from: isoDay(new Date(to.getTime() - (days - 1) * dayMs)), to: isoDay(to) };
}

/** Every day of the range, in order. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  const end = Date.parse(`${range.to}T00:00:00Z`);
  for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= end && days.length < 366; t += dayMs) {
    days.push(isoDay(new Date(t)));
  }
  return days;
}

/** One bar pair per day of `range`; `keyId` keeps one key's rows, otherwise all keys are summed. */
export function dailyUsage(rows: readonly UsageDayDto[], range: DayRange, keyId?: string): UsageBar[] {
  const byDay = new Map(daysOf(range).map((day) => [day, { day, requests: 0, rejected: 0 }]));
  for (const row of rows) {
    if (keyId && row.keyId !== keyId) continue;
    const bar = byDay.get(row.day);
    if (!bar) continue;
    bar.requests += row.requests;
    bar.rejected += row.rejected;
  }
  return [...byDay.values()];
}

export function totals(bars: readonly UsageBar[]): { requests: number; rejected: number } {
  return bars.reduce((sum, b) => ({ requests: sum.requests + b.requests, rejected: sum.rejected + b.rejected }), {
    requests: 0,
    rejected: 0,
  });
}

/**
 * A round axis maximum at or above `value`: 1, 2 or 5 times a power of ten, never below 5, so
 * that gridlines at every fifth of it are whole numbers.
 */
export function niceMax(value: number): number {
  if (value <= 5) return 5;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}
