/** A message that depends on a number: "1 reply queued" / "3 replies queued". Chosen with Intl.PluralRules. */
export interface PluralEntry {
  one: string;
  other: string;
}
export type Entry = string | PluralEntry;

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

/** Same shape per key: a plural entry in English must be a plural entry in every language. */
export type ShapeOf<V> = V extends string ? string : PluralEntry;
