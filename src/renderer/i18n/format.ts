import type { Language } from './dictionary';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Date and time wording for one language. Every function takes `now` so the output is a function of its input. */
export interface TimeFormat {
  /** Short and relative for the conversation list: "now", "5 min ago", "3 hr. ago", "2 days ago", "Mar 3". */
  relative(ts: number, now: number): string;
  /** The time of day on a bubble: "14:05" / "2:05 PM". */
  clock(ts: number): string;
  /** A day separator: "Today", "Yesterday", "Monday, March 3" (with the year when it is not this year). */
  day(ts: number, now: number): string;
  /** A calendar date: "March 3, 2025". */
  date(ts: number): string;
  /** Full date and time, for tooltips. */
  dateTime(ts: number): string;
}

function startOfDay(ts: number): number {
  const d = new Date(ts);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function createTimeFormat(language: Language, nowWord: string): TimeFormat {
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' });
  const rtfNumeric = new Intl.RelativeTimeFormat(language, { numeric: 'always', style: 'short' });
  const monthDay = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' });
  const monthDayYear = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric' });
  const clock = new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' });
  const weekdayDate = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long' });
  const weekdayDateYear = new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const longDate = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric' });
  const full = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' });
  const sameYear = (a: number, b: number) => new Date(a).getFullYear() === new Date(b).getFullYear();

  return {
    relative(ts, now) {
      const ago = Math.max(0, now - ts);
      if (ago < MINUTE) return nowWord;
      if (ago < HOUR) return rtfNumeric.format(-Math.floor(ago / MINUTE), 'minute');
      if (ago < DAY) return rtfNumeric.format(-Math.floor(ago / HOUR), 'hour');
      const days = Math.round((startOfDay(now) - startOfDay(ts)) / DAY);
      if (days < 7) return rtfNumeric.format(-Math.max(1, days), 'day');
      return (sameYear(ts, now) ? monthDay : monthDayYear).format(ts);
    },
    clock: (ts) => clock.format(ts),
    day(ts, now) {
      const days = Math.round((startOfDay(now) - startOfDay(ts)) / DAY);
      if (days === 0 || days === 1) return capitalize(rtf.format(-days, 'day'));
      return capitalize((sameYear(ts, now) ? weekdayDate : weekdayDateYear).format(ts));
    },
    date: (ts) => longDate.format(ts),
    dateTime: (ts) => full.format(ts),
  };
}

/** Whether two timestamps fall on the same local calendar day (day separators in a thread). */
export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}
