import { describe, expect, it } from 'vitest';
import { createTimeFormat, sameDay, type TimeFormat } from '../../../src/renderer/i18n';
import { DAY, HOUR, MINUTE, NOW } from '../test-utils/fixtures';

/** ICU puts no-break and narrow no-break spaces in dates and units; compare them as plain spaces. */
function plainSpaces(format: TimeFormat): TimeFormat {
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
  return {
    relative: (ts, now) => plain(format.relative(ts, now)),
    clock: (ts) => plain(format.clock(ts)),
    day: (ts, now) => plain(format.day(ts, now)),
    date: (ts) => plain(format.date(ts)),
    dateTime: (ts) => plain(format.dateTime(ts)),
  };
}

describe('time wording', () => {
  const en = plainSpaces(createTimeFormat('en', 'now'));
  const fr = plainSpaces(createTimeFormat('fr', 'à l’instant'));

  it('says "now" under a minute, then counts minutes, hours and days', () => {
    expect(en.relative(NOW - 20_000, NOW)).toBe('now');
    expect(en.relative(NOW + 5_000, NOW)).toBe('now'); // a clock slightly ahead is not "in 5 seconds"
    expect(en.relative(NOW - 5 * MINUTE, NOW)).toMatch(/^5 min/);
    expect(fr.relative(NOW - 5 * MINUTE, NOW)).toMatch(/^il y a 5 min/);
    expect(en.relative(NOW - 3 * HOUR, NOW)).toMatch(/^3 hr/);
    expect(en.relative(NOW - 2 * DAY, NOW)).toMatch(/^2 days ago/);
  });

  it('gives a date for anything older than a week, with the year only when it differs', () => {
    expect(en.relative(NOW - 20 * DAY, NOW)).toBe('Feb 20');
    expect(fr.relative(NOW - 20 * DAY, NOW)).toBe('20 févr.');
    expect(en.relative(NOW - 400 * DAY, NOW)).toMatch(/2024/);
  });

  it('names day separators Today / Yesterday, then the weekday and date', () => {
    expect(en.day(NOW - HOUR, NOW)).toBe('Today');
    expect(en.day(NOW - DAY, NOW)).toBe('Yesterday');
    expect(fr.day(NOW - DAY, NOW)).toBe('Hier');
    expect(en.day(NOW - 2 * DAY, NOW)).toBe('Monday, March 10');
    expect(fr.day(NOW - 2 * DAY, NOW)).toBe('Lundi 10 mars');
  });

  it('formats clock times per language', () => {
    expect(en.clock(NOW)).toBe('3:00 PM');
    expect(fr.clock(NOW)).toBe('15:00');
    expect(en.date(NOW)).toBe('March 12, 2025');
    expect(fr.date(NOW)).toBe('12 mars 2025');
  });

  it('compares calendar days in local time', () => {
    expect(sameDay(NOW, NOW - 14 * HOUR)).toBe(true);
    expect(sameDay(NOW, NOW - 16 * HOUR)).toBe(false);
  });
});
