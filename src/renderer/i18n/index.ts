export type { Entry, Language, PluralEntry } from './dictionary';
export { LANGUAGES } from './dictionary';
export type { MessageKey } from './en';
export { en } from './en';
export { fr, type Dictionary } from './fr';
export { DICTIONARIES, translate, translatorFor, type Translate, type Vars } from './translate';
export { createTimeFormat, sameDay, type TimeFormat } from './format';
export {
  LANGUAGE_STORAGE_KEY,
  languageFromLocale,
  readLanguagePreference,
  resolveLanguage,
  writeLanguagePreference,
  type LanguagePreference,
} from './preference';
export { I18nProvider, useI18n, useT, type I18n, type I18nProviderProps } from './I18nProvider';
