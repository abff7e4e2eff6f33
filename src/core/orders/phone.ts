/**
 * Phone numbers and e-mail addresses as customers and agents type them, normalized so a customer can be matched to
 * an order: WhatsApp ids are digits without `+` (`33612345678`), agents type `06 12 34 56 78`,
 * `+33 (0)6 12-34-56-78`, `0033612345678` or `+1 415 555 2671`.
 */

interface CountryPlan {
  /** Country calling code, without `+`. */
  code: string;
  /** The national trunk prefix dropped after the country code (`0` in most of Europe), if any. */
  trunk: string | null;
  /** Allowed lengths of the national significant number (without trunk prefix). */
  min: number;
  max: number;
}

/**
 * Countries our shops sell to most, by ISO 3166-1 alpha-2 code. Italy keeps its leading 0 after +39 (landlines),
 * and Spain has no trunk prefix. Lengths are the national significant number's (ITU-T E.164 national plans).
 */
const PLANS: Record<string, CountryPlan> = {
  FR: { code: '33', trunk: '0', min: 9, max: 9 },
  BE: { code: '32', trunk: '0', min: 8, max: 9 },
  CH: { code: '41', trunk: '0', min: 9, max: 9 },
  LU: { code: '352', trunk: null, min: 4, max: 11 },
  MC: { code: '377', trunk: null, min: 8, max: 9 },
  GB: { code: '44', trunk: '0', min: 9, max: 10 },
  IE: { code: '353', trunk: '0', min: 7, max: 9 },
  US: { code: '1', trunk: '1', min: 10, max: 10 },
  CA: { code: '1', trunk: '1', min: 10, max: 10 },
  ES: { code: '34', trunk: null, min: 9, max: 9 },
  PT: { code: '351', trunk: null, min: 9, max: 9 },
  DE: { code: '49', trunk: '0', min: 6, max: 13 },
  AT: { code: '43', trunk: '0', min: 4, max: 13 },
  NL: { code: '31', trunk: '0', min: 9, max: 9 },
  IT: { code: '39', trunk: null, min: 6, max: 11 },
  MA: { code: '212', trunk: '0', min: 9, max: 9 },
  DZ: { code: '213', trunk: '0', min: 8, max: 9 },
  TN: { code: '216', trunk: null, min: 8, max: 8 },
  SN: { code: '221', trunk: null, min: 9, max: 9 },
  CI: { code: '225', trunk: null, min: 10, max: 10 },
};

/** Plans by calling code (US and CA share +1 and the same plan). */
const BY_CODE = new Map<string, CountryPlan>(Object.values(PLANS).map((p) => [p.code, p]));

/** E.164: at most 15 digits in all. Shortest real international numbers have about 7 digits with their code. */
const E164_MAX = 15;
const E164_MIN = 7;

const ALLOWED = /^[\d\s+().\-/\u00a0]+$/;

function planFor(country: string | undefined): CountryPlan | undefined {
  return country ? PLANS[country.trim().toUpperCase()] : undefined;
}

/** `+<code><national>` when the national part fits the plan of a known code; any 7–15 digits for other codes. */
function international(digits: string): string | null {
  if (digits.startsWith('0') || digits.length < E164_MIN || digits.length > E164_MAX) return null;
  for (const len of [1, 2, 3]) {
    const plan = BY_CODE.get(digits.slice(0, len));
    if (!plan) continue;
    let national = digits.slice(len);
    // `+33 0612345678`: a trunk prefix typed after the country code by mistake.
    if (plan.trunk === '0' && national.startsWith('0')) national = national.slice(1);
    if (national.length < plan.min || national.length > plan.max) return null;
    if (plan.code === '1' && !/^[2-9]\d{2}[2-9]/.test(national)) return null;
    return `+${plan.code}${national}`;
  }
  return `+${digits}`;
}

function national(digits: string, plan: CountryPlan): string | null {
  let rest = digits;
  if (plan.trunk && rest.startsWith(plan.trunk)) rest = rest.slice(plan.trunk.length);
  else if (plan.trunk === '0') return null;
  if (rest.length < plan.min || rest.length > plan.max) return null;
  return international(plan.code + rest);
}

/**
 * The E.164 form (`+33612345678`) of a phone number, or null when it cannot be one. A number with `+`, `00` (or
 * `011` for North America) is international; otherwise it is read as national for `defaultCountry` (ISO 3166-1
 * alpha-2, e.g. `FR`) when it fits that country's plan (`06 12 34 56 78` → `+33612345678`), and else as
 * international digits without `+` (WhatsApp ids: `33612345678`). `(0)` after a country code is dropped.
 */
export function toE164(raw: string, defaultCountry?: string): string | null {
  const text = raw.trim();
  if (!text || !ALLOWED.test(text)) return null;
  if ((text.match(/\+/g) ?? []).length > 1 || (text.includes('+') && !text.startsWith('+'))) return null;
  const withoutTrunkNote = text.replace(/^(\+\d{1,3})\s*\(0\)/, '$1');
  const digits = withoutTrunkNote.replace(/\D/g, '');
  if (!digits) return null;
  if (text.startsWith('+')) return international(digits);
  const plan = planFor(defaultCountry);
  if (plan?.code === '1' && digits.startsWith('011')) return international(digits.slice(3));
  if (plan?.code !== '1' && digits.startsWith('00')) return international(digits.slice(2));
  if (plan) {
    const asNational = national(digits, plan);
    if (asNational) return asNational;
    // No trunk prefix: the national number is the digits themselves (Spain, Italy, or `415 555 2671` in the US).
    if (!plan.trunk || plan.code === '1') {
      if (digits.length >= plan.min && digits.length <= plan.max) return international(plan.code + digits);
    }
  }
  return international(digits);
}

/** True when both are the same phone number once normalized (both must be valid). */
export function samePhone(a: string, b: string, defaultCountry?: string): boolean {
  const x = toE164(a, defaultCountry);
  return x !== null && x === toE164(b, defaultCountry);
}

const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * A comparable e-mail address: trimmed, `mailto:` and `<…>` removed, lowercased; null unless it looks like
 * `local@domain.tld` (no spaces, no double dots, a letters-only top-level domain).
 */
export function normalizeEmail(raw: string): string | null {
  let email = raw.trim();
  const angle = /<([^<>]*)>\s*$/.exec(email);
  if (angle) email = angle[1]!.trim();
  email = email.replace(/^mailto:/i, '').toLowerCase();
  if (email.length > 254) return null;
  const at = email.lastIndexOf('@');
  if (at < 1 || at > 64) return null;
  return EMAIL.test(email) ? email : null;
}
