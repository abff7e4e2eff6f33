import type { Language } from './dictionary';

/** What the agent chose in settings; `auto` follows the operating system's language. */
export type LanguagePreference = 'auto' | Language;

export const LANGUAGE_STORAGE_KEY = 'comptoir.language';

/** French for any French locale (fr, fr-CA, fr-BE...), English for everything else. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function resolveLanguage(preference: LanguagePreference, systemLocale: string | undefined): Language {
  return preference === 'auto' ? languageFromLocale(systemLocale) : preference;
}

export function readLanguagePreference(storage: Pick<Storage, 'getItem'> | null): LanguagePreference {
  try {
    const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return value === 'fr' || value === 'en' ? value : 'auto';
  } catch {
    // Storage can be denied (privacy mode, sandboxed frame): fall back to following the system.
    return 'auto';
  }
}

export function writeLanguagePreference(storage: Pick<Storage, 'setItem'> | null, preference: LanguagePreference) {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, preference);
  } catch {
    // Not persisted; the choice still applies to this session.
  }
}
