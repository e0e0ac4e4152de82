import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, weekdayOf } from './dates';

describe('dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-04-31', false],
    ['not a date', false],
  ])('isIsoDate(%s) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-02', '2026-04-13')).toBe(42);
  });

  it('knows the weekday', () => {
    expect(weekdayOf('2026-03-02')).toBe('mon');
    expect(weekdayOf('2026-03-08')).toBe('sun');
  });
});
