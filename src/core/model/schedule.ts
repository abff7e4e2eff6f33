import { z } from 'zod';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One day's opening, local time "HH:MM"; `close` after `open` (a shop open past midnight uses two days). */
export const OpeningSchema = z
  .object({ open: z.string().regex(TIME, 'HH:MM'), close: z.string().regex(TIME, 'HH:MM') })
  .refine((o) => o.open < o.close, 'closes before it opens');

/**
 * The shop's weekly hours in its time zone: `days[0]` is Sunday … `days[6]` Saturday, null when closed.
 * Rules, the assistant and the metrics read the same schedule.
 */
export const BusinessHoursSchema = z.object({
  timeZone: z.string().refine(isTimeZone, 'unknown time zone'),
  days: z.array(OpeningSchema.nullable()).length(7),
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: 'Europe/Paris',
  days: [
    null,
    { open: '09:00', close: '18:00' },
    { open: '09:00', close: '18:00' },
    { open: '09:00', close: '18:00' },
    { open: '09:00', close: '18:00' },
    { open: '09:00', close: '18:00' },
    { open: '10:00', close: '13:00' },
  ],
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday (0 = Sunday) and "HH:MM" of an instant in a time zone. */
export function localTime(epochMs: number, timeZone: string): { weekday: number; time: string } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { weekday, time: `${get('hour')}:${get('minute')}` };
}

/** True when the shop is open at that instant (opening time included, closing time excluded). */
export function isWithinBusinessHours(hours: BusinessHours, epochMs: number): boolean {
  const { weekday, time } = localTime(epochMs, hours.timeZone);
  const day = hours.days[weekday];
  return !!day && time >= day.open && time < day.close;
}
