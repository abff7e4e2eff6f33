import type { Entry, Language } from './dictionary';
import { en, type MessageKey } from './en';
import { fr, type Dictionary } from './fr';

export const DICTIONARIES: Record<Language, Dictionary> = { en, fr };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const pluralRules = new Map<Language, Intl.PluralRules>();
function pluralOf(language: Language, count: number): 'one' | 'other' {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  // Both languages only distinguish one/other for whole numbers; anything else reads as "other".
  return rules.select(count) === 'one' ? 'one' : 'other';
}

function fill(template: string, vars: Vars | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate(language: Language, key: MessageKey, vars?: Vars): string {
  const entry: Entry = DICTIONARIES[language][key];
  if (typeof entry === 'string') return fill(entry, vars);
  const count = Number(vars?.count ?? 0);
  return fill(entry[pluralOf(language, count)], vars);
}

export function translatorFor(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}
