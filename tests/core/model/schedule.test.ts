import { describe, expect, it } from 'vitest';
import {
  BusinessHoursSchema,
  DEFAULT_BUSINESS_HOURS,
  isWithinBusinessHours,
  localTime,
  OpeningSchema,
} from '../../../src/core';

const at = (iso: string) => Date.parse(iso);
const open = (iso: string) => isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, at(iso));

describe('localTime', () => {
  it('reads Paris time in winter (UTC+1) and summer (UTC+2)', () => {
    expect(localTime(at('2026-01-05T08:00:00Z'), 'Europe/Paris')).toEqual({ weekday: 1, time: '09:00' });
    expect(localTime(at('2026-07-06T08:00:00Z'), 'Europe/Paris')).toEqual({ weekday: 1, time: '10:00' });
  });

  it('turns the day at local midnight, written 00:00 not 24:00', () => {
    // Saturday 23:30 UTC is already Sunday in Paris.
    expect(localTime(at('2026-01-03T23:30:00Z'), 'Europe/Paris')).toEqual({ weekday: 0, time: '00:30' });
    expect(localTime(at('2026-01-04T23:00:00Z'), 'Europe/Paris')).toEqual({ weekday: 1, time: '00:00' });
  });

  it('follows the DST switch (29 March 2026, 02:00 → 03:00)', () => {
    expect(localTime(at('2026-03-29T00:59:00Z'), 'Europe/Paris').time).toBe('01:59');
    expect(localTime(at('2026-03-29T01:00:00Z'), 'Europe/Paris').time).toBe('03:00');
  });
});

describe('isWithinBusinessHours (Paris, Mon–Fri 9–18, Sat 10–13)', () => {
  it('in winter: opening included, closing excluded', () => {
    // Monday 5 January 2026, CET.
    expect(open('2026-01-05T07:59:00Z')).toBe(false);
    expect(open('2026-01-05T08:00:00Z')).toBe(true);
    expect(open('2026-01-05T16:59:00Z')).toBe(true);
    expect(open('2026-01-05T17:00:00Z')).toBe(false);
  });

  it('in summer: the same local hours, one UTC hour earlier', () => {
    // Monday 6 July 2026, CEST.
    expect(open('2026-07-06T06:59:00Z')).toBe(false);
    expect(open('2026-07-06T07:00:00Z')).toBe(true);
    expect(open('2026-07-06T15:59:00Z')).toBe(true);
    expect(open('2026-07-06T16:00:00Z')).toBe(false);
  });

  it('on both sides of the spring and autumn switches', () => {
    // Friday 27 March (CET) and Monday 30 March (CEST): 09:00 local is 08:00 then 07:00 UTC.
    expect(open('2026-03-27T08:00:00Z')).toBe(true);
    expect(open('2026-03-27T07:30:00Z')).toBe(false);
    expect(open('2026-03-30T07:00:00Z')).toBe(true);
    expect(open('2026-03-30T06:30:00Z')).toBe(false);
    // Friday 23 October (CEST) and Monday 26 October (CET): 18:00 local is 16:00 then 17:00 UTC.
    expect(open('2026-10-23T16:00:00Z')).toBe(false);
    expect(open('2026-10-23T15:30:00Z')).toBe(true);
    expect(open('2026-10-26T16:30:00Z')).toBe(true);
    expect(open('2026-10-26T17:00:00Z')).toBe(false);
  });

  it('is closed all Sunday', () => {
    for (const hour of ['00', '08', '10', '12', '15', '20', '22']) {
      expect(open(`2026-07-05T${hour}:00:00Z`)).toBe(false);
    }
  });

  it('keeps Saturday short', () => {
    expect(open('2026-07-04T08:00:00Z')).toBe(true);
    expect(open('2026-07-04T10:59:00Z')).toBe(true);
    expect(open('2026-07-04T11:00:00Z')).toBe(false);
    expect(open('2026-07-04T07:59:00Z')).toBe(false);
  });

  it('reads the hours in their own time zone', () => {
    const newYork = { ...DEFAULT_BUSINESS_HOURS, timeZone: 'America/New_York' };
    // Monday 6 July 2026, 13:00 UTC = 09:00 EDT.
    expect(isWithinBusinessHours(newYork, at('2026-07-06T13:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(newYork, at('2026-07-06T12:59:00Z'))).toBe(false);
  });
});

describe('BusinessHoursSchema', () => {
  it('accepts the default hours', () => {
    expect(BusinessHoursSchema.safeParse(DEFAULT_BUSINESS_HOURS).success).toBe(true);
  });

  it('refuses an unknown time zone', () => {
    const result = BusinessHoursSchema.safeParse({ ...DEFAULT_BUSINESS_HOURS, timeZone: 'Europe/Atlantis' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('unknown time zone');
  });

  it('refuses a day that closes before (or when) it opens', () => {
    expect(OpeningSchema.safeParse({ open: '18:00', close: '09:00' }).success).toBe(false);
    expect(OpeningSchema.safeParse({ open: '09:00', close: '09:00' }).success).toBe(false);
    const days = [...DEFAULT_BUSINESS_HOURS.days];
    days[2] = { open: '18:00', close: '09:00' };
    const result = BusinessHoursSchema.safeParse({ ...DEFAULT_BUSINESS_HOURS, days });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('closes before it opens');
  });

  it('refuses malformed times and a week that is not seven days', () => {
    expect(OpeningSchema.safeParse({ open: '9:00', close: '18:00' }).success).toBe(false);
    expect(OpeningSchema.safeParse({ open: '09:00', close: '24:00' }).success).toBe(false);
    const sixDays = { ...DEFAULT_BUSINESS_HOURS, days: DEFAULT_BUSINESS_HOURS.days.slice(0, 6) };
    expect(BusinessHoursSchema.safeParse(sixDays).success).toBe(false);
  });
});
