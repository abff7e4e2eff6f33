import type { Locale } from '../model/contact';

const words = (list: string) => new Set(list.split(/\s+/));

const FRENCH = words(`bonjour bonsoir salut merci beaucoup bonne journée je j tu vous nous est suis pas oui non le la
  les des du un une mon ma mes commande colis livraison quand où pourquoi avec pour sur dans svp stp reçu toujours
  encore aussi très bien rien ça cette ce c qu que qui`);
const ENGLISH = words(`hello hi hey thanks thank you i my me is are was not yes no the a an of order parcel delivery
  when where why with for on in please received still again also very good nothing it this that what who`);

/** A customer's language from a few common words and French accents; English when it cannot tell. */
export function guessLocale(text: string): Locale {
  return localeScore(text) > 0 ? 'fr' : 'en';
}

/** Positive for French, negative for English, 0 when nothing tells. */
function localeScore(text: string): number {
  const lower = text.toLowerCase();
  let score = /[éèêàçùâîôûœ]/.test(lower) ? 2 : 0;
  for (const word of lower.split(/[^a-zà-ÿœ]+/)) {
    if (FRENCH.has(word)) score += 1;
    if (ENGLISH.has(word)) score -= 1;
  }
  return score;
}

/** A conversation's language from the customer's messages, newest weighing most; `fallback` when none tells. */
export function conversationLocale(customerTexts: readonly string[], fallback: Locale): Locale {
  let score = 0;
  customerTexts.forEach((text, i) => {
    score += Math.sign(localeScore(text)) * (i + 1);
  });
  return score > 0 ? 'fr' : score < 0 ? 'en' : fallback;
}
