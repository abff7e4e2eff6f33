import { afterEach, describe, expect, it } from 'vitest';
import {
  LANGUAGE_STORAGE_KEY,
  languageFromLocale,
  readLanguagePreference,
  resolveLanguage,
  useI18n,
} from '../../../src/renderer/i18n';
import { render, screen } from '../test-utils/render';

function Probe() {
  const { language, t, setPreference } = useI18n();
  return (
    <div>
      <p data-testid="language">{language}</p>
      <p>{t('composer.send')}</p>
      <button onClick={() => setPreference('fr')}>fr</button>
    </div>
  );
}

afterEach(() => localStorage.clear());

describe('UI language', () => {
  it('follows the OS language by default: any French locale gives French, anything else English', () => {
    expect(languageFromLocale('fr-CA')).toBe('fr');
    expect(languageFromLocale('FR')).toBe('fr');
    expect(languageFromLocale('de-DE')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
    expect(resolveLanguage('auto', 'fr-BE')).toBe('fr');
    expect(resolveLanguage('en', 'fr-BE')).toBe('en');
  });

  it('uses French text when the language is French', () => {
    render(<Probe />, { language: 'fr' });
    expect(screen.getByTestId('language').textContent).toBe('fr');
    expect(screen.getByText('Envoyer')).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
  });

  it('uses French under "auto" when the system is French', () => {
    render(<Probe />, { language: 'auto', systemLocale: 'fr-FR' });
    expect(screen.getByText('Envoyer')).toBeTruthy();
  });

  it('switches at once and remembers the choice in localStorage', async () => {
    const { user } = render(<Probe />, { language: 'en' });
    expect(screen.getByText('Send')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'fr' }));
    expect(screen.getByText('Envoyer')).toBeTruthy();
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('fr');
    expect(readLanguagePreference(localStorage)).toBe('fr');
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'klingon');
    expect(readLanguagePreference(localStorage)).toBe('auto');
  });
});
