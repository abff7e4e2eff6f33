import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, samePhone, toE164 } from '../../../src/core/orders';

describe('toE164', () => {
  it.each([
    // What agents type, with the shop's country
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06.12.34.56.78', 'FR', '+33612345678'],
    ['0033612345678', 'FR', '+33612345678'],
    ['+33 (0)6 12-34-56-78', undefined, '+33612345678'],
    ['+33 6 12 34 56 78', 'GB', '+33612345678'],
    ['+33 06 12 34 56 78', undefined, '+33612345678'],
    ['0471 12 34 56', 'BE', '+32471123456'],
    ['02 123 45 67', 'BE', '+3221234567'],
    ['079 123 45 67', 'CH', '+41791234567'],
    ['+41 79 123 45 67', undefined, '+41791234567'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['07911 123456', 'GB', '+447911123456'],
    ['+1 415 555 2671', undefined, '+14155552671'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['1-415-555-2671', 'US', '+14155552671'],
    ['416 555 0199', 'CA', '+14165550199'],
    ['011 33 6 12 34 56 78', 'US', '+33612345678'],
    ['612 34 56 78', 'ES', '+34612345678'],
    ['030 123456', 'DE', '+4930123456'],
    ['0151 23456789', 'DE', '+4915123456789'],
    ['06 1234 5678', 'IT', '+390612345678'],
    ['312 345 6789', 'IT', '+393123456789'],
    // WhatsApp ids: digits without +
    ['33612345678', undefined, '+33612345678'],
    ['33612345678', 'FR', '+33612345678'],
    ['14155552671', undefined, '+14155552671'],
    ['34612345678', 'ES', '+34612345678'],
    ['393123456789', 'IT', '+393123456789'],
    // Other countries: the generic +<digits> path
    ['+212 6 12 34 56 78', undefined, '+212612345678'],
    ['+81 90 1234 5678', undefined, '+819012345678'],
  ])('%s (%s) → %s', (raw, country, expected) => {
    expect(toE164(raw, country)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['garbage'],
    ['06 12 34 56 7x'],
    ['call me'],
    ['+33 6 12 34'], // too short for France
    ['+33 6 12 34 56 78 90'], // too long for France
    ['+1 015 555 2671'], // North American area codes do not start with 0 or 1
    ['+0 123 456 789'],
    ['+1234567890123456'], // more than 15 digits
    ['++33612345678'],
    ['33+612345678'],
    ['12'],
  ])('%s → null', (raw) => {
    expect(toE164(raw, 'FR')).toBeNull();
  });

  it('cannot read a national number without a country', () => {
    expect(toE164('0612345678')).toBeNull();
    expect(toE164('06 12 34 56 78', 'FR')).toBe('+33612345678');
  });

  it('accepts a lowercase country and ignores an unknown one', () => {
    expect(toE164('06 12 34 56 78', 'fr')).toBe('+33612345678');
    expect(toE164('33612345678', 'ZZ')).toBe('+33612345678');
    expect(toE164('06 12 34 56 78', 'ZZ')).toBeNull();
  });

  it('never throws and returns + followed by 7–15 digits, or null', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^\+?[\d ()./-]{0,24}$/)),
        fc.constantFrom(undefined, 'FR', 'BE', 'CH', 'GB', 'US', 'CA', 'ES', 'DE', 'IT', 'ZZ'),
        (raw, country) => {
          const e164 = toE164(raw, country);
          if (e164 !== null) expect(e164).toMatch(/^\+[1-9]\d{6,14}$/);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^0[1-9]\d{8}$/), (national) => {
        const e164 = toE164(national, 'FR');
        expect(e164).not.toBeNull();
        expect(toE164(e164!)).toBe(e164);
      }),
    );
  });
});

describe('samePhone', () => {
  it('matches a WhatsApp id with what an agent typed', () => {
    expect(samePhone('33612345678', '06 12 34 56 78', 'FR')).toBe(true);
    expect(samePhone('+33 (0)6 12-34-56-78', '0033612345678', 'FR')).toBe(true);
    expect(samePhone('14155552671', '(415) 555-2671', 'US')).toBe(true);
  });

  it('is false for different numbers or when either is invalid', () => {
    expect(samePhone('33612345678', '06 12 34 56 79', 'FR')).toBe(false);
    expect(samePhone('garbage', 'garbage')).toBe(false);
    expect(samePhone('0612345678', '0612345678')).toBe(false);
  });
});

describe('normalizeEmail', () => {
  it.each([
    ['  Camille.Durand@Example.FR ', 'camille.durand@example.fr'],
    ['mailto:john+shop@mail.co.uk', 'john+shop@mail.co.uk'],
    ['Léa Moreau <LEA@example.com>', 'lea@example.com'],
    ["o'brien@example.ie", "o'brien@example.ie"],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['camille'],
    ['camille@'],
    ['@example.com'],
    ['camille@example'],
    ['camille durand@example.com'],
    ['camille..durand@example.com'],
    ['.camille@example.com'],
    ['camille@example..com'],
    ['camille@-example.com'],
    ['camille@example.c0m'],
    ['a@b@example.com'],
  ])('%s → null', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
});
