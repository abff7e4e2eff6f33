/**
 * Random values for the order-number evaluation set (see make-eval.ts): order numbers in the formats shops use, and
 * the other numbers customers write next to them (invoices, amounts, phones, tracking numbers, dates…), which the
 * detector must leave alone. Everything is drawn from the seeded `random` passed in, so the set is reproducible.
 */

export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const digits = (random: Random, n: number): string => {
  let s = String(int(random, 1, 9));
  while (s.length < n) s += String(int(random, 0, 9));
  return s;
};

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** An order number as written in a message (`#1042`, `A-10429`…) and as expected (without `#`). */
export function orderNumber(random: Random): { written: string; expected: string } {
  const r = random();
  let n: string;
  if (r < 0.35) n = digits(random, int(random, 3, 6));
  else if (r < 0.55) n = digits(random, int(random, 9, 12));
  else if (r < 0.7) n = `${pick(random, [...LETTERS])}-${digits(random, int(random, 4, 6))}`;
  else if (r < 0.8) n = `${pick(random, ['CMD', 'FR', 'WEB', 'ML'])}${pick(random, ['', '-'])}${digits(random, 5)}`;
  else if (r < 0.9) n = `${int(random, 2023, 2026)}-${digits(random, int(random, 3, 5))}`;
  else n = digits(random, int(random, 4, 7));
  const hash = random() < 0.3;
  return { written: hash ? `#${n}` : n, expected: n };
}

export function invoiceNumber(random: Random): string {
  return pick(random, [
    () => `INV-${int(random, 2023, 2026)}-${digits(random, 3)}`,
    () => `00${digits(random, 3)}`,
    () => `#00${digits(random, 3)}`,
    () => `${int(random, 2023, 2026)}-${digits(random, 3)}`,
    () => `F${digits(random, 6)}`,
  ])();
}

/** An amount without currency, English or French style (`45.20`, `49,90`, `1,250.00`, `120`). */
export function amount(random: Random, french = false): string {
  const units = int(random, 3, 1500);
  const cents = String(int(random, 0, 99)).padStart(2, '0');
  const r = random();
  if (r < 0.25) return String(units);
  if (french)
    return `${units >= 1000 ? `${Math.floor(units / 1000)} ${String(units % 1000).padStart(3, '0')}` : units},${cents}`;
  if (units >= 1000) return `${Math.floor(units / 1000)},${String(units % 1000).padStart(3, '0')}.${cents}`;
  return `${units}.${cents}`;
}

export function price(random: Random, french = false): string {
  const a = amount(random, french);
  if (french) return pick(random, [`${a} €`, `${a}€`, `${a} euros`, `${a} EUR`]);
  return pick(random, [`$${a}`, `£${a}`, `€${a}`, `${a} USD`, `${a} dollars`]);
}

export function currencySymbol(random: Random): string {
  return pick(random, ['$', '€', '£']);
}

export function phone(random: Random): string {
  const pairs = (n: number): string => Array.from({ length: n }, () => digits(random, 2).slice(0, 2)).join(' ');
  return pick(random, [
    () => `0${pick(random, ['6', '7'])} ${pairs(4)}`,
    () => `0${pick(random, ['6', '7'])}${digits(random, 8)}`,
    () => `+33 ${pick(random, ['6', '7'])} ${pairs(4)}`,
    () => `+33 (0)${pick(random, ['6', '7'])} ${pairs(4).replace(/ /g, '-')}`,
    () => `0033${pick(random, ['6', '7'])}${digits(random, 8)}`,
    () => `+1 ${digits(random, 3)} 555 ${digits(random, 4)}`,
    () => `+44 7${digits(random, 3)} ${digits(random, 6)}`,
    () => `(${digits(random, 3)}) 555-${digits(random, 4)}`,
  ])();
}

export function trackingNumber(random: Random): string {
  return pick(random, [
    () => `1Z${digits(random, 3)}${pick(random, [...LETTERS])}${pick(random, [...LETTERS])}${digits(random, 10)}`,
    () => `${pick(random, ['LP', 'RR', 'CP'])}${digits(random, 9)}${pick(random, ['CN', 'FR', 'GB'])}`,
    () => `6A${digits(random, 11)}`,
    () => digits(random, 14),
  ])();
}

export function date(random: Random): string {
  const d = String(int(random, 1, 28)).padStart(2, '0');
  const m = String(int(random, 1, 12)).padStart(2, '0');
  const y = int(random, 2024, 2026);
  return pick(random, [`${d}/${m}/${y}`, `${d}/${m}`, `${y}-${m}-${d}`, `${d}.${m}.${y}`]);
}

export function time(random: Random): string {
  const h = int(random, 8, 19);
  const mm = pick(random, ['00', '15', '30', '45']);
  return pick(random, [`${h}h${mm}`, `${h}:${mm}`, `${h}h`]);
}

export function postalAddress(random: Random): string {
  return pick(random, [
    () =>
      `${int(random, 1, 120)} rue ${pick(random, ['des Lilas', 'de la Paix', 'Victor Hugo', 'du Port'])}, ${pick(random, ['75011 Paris', '69003 Lyon', '13001 Marseille', '33000 Bordeaux', '1000 Bruxelles'])}`,
    () =>
      `${int(random, 1, 999)} ${pick(random, ['Main St', 'Oak Avenue', 'High Street'])}, ${pick(random, ['Springfield, IL 62704', 'London SW1A 1AA', 'Austin, TX 78701'])}`,
  ])();
}

export function quantity(random: Random): string {
  return `${int(random, 1, 12)}`;
}

export const PERSON_NAMES = [
  'Camille Durand',
  'Lucas Martin',
  'Emma Wilson',
  'John Smith',
  'Léa Moreau',
  'Ahmed Benali',
  'Sofia García',
  'Noah Müller',
];
export const ACCOUNT_TYPES = ['premium', 'business', 'standard', 'free', 'gold', 'platinum', 'pro'];
export const CITIES = ['Paris', 'Lyon', 'Brussels', 'Geneva', 'London', 'Montreal', 'New York', 'Madrid'];
export const COUNTRIES = ['France', 'Belgium', 'Switzerland', 'Canada', 'Spain', 'Germany', 'Italy', 'the UK'];
