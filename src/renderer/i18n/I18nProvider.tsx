import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from './dictionary';
import type { MessageKey } from './en';
import { createTimeFormat, type TimeFormat } from './format';
import {
  readLanguagePreference,
  resolveLanguage,
  writeLanguagePreference,
  type LanguagePreference,
} from './preference';
import { translatorFor, type Translate } from './translate';

export interface I18n {
  language: Language;
  preference: LanguagePreference;
  setPreference(preference: LanguagePreference): void;
  t: Translate;
  time: TimeFormat;
}

const I18nContext = createContext<I18n | null>(null);

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export interface I18nProviderProps {
  children: ReactNode;
  /** Overrides the stored choice (tests, previews); otherwise read from localStorage. */
  initialPreference?: LanguagePreference;
  /** The OS language `auto` follows; navigator.language by default. */
  systemLocale?: string;
}

export function I18nProvider({ children, initialPreference, systemLocale }: I18nProviderProps) {
  const [preference, setPreferenceState] = useState<LanguagePreference>(
    () => initialPreference ?? readLanguagePreference(safeLocalStorage()),
  );
  const locale = systemLocale ?? (typeof navigator === 'undefined' ? undefined : navigator.language);
  const language = resolveLanguage(preference, locale);

  const setPreference = useCallback((next: LanguagePreference) => {
    writeLanguagePreference(safeLocalStorage(), next);
    setPreferenceState(next);
  }, []);

  useEffect(() => {
    // Screen readers and hyphenation read the document language.
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18n>(() => {
    const t = translatorFor(language);
    return { language, preference, setPreference, t, time: createTimeFormat(language, t('time.now')) };
  }, [language, preference, setPreference]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() needs an <I18nProvider> above it');
  return value;
}

/** Shorthand for components that only need text. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  return useI18n().t;
}
