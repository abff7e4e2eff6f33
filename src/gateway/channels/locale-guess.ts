// The guess lives in the core (the desktop picks a quick reply's language with it too).
export { guessLocale } from '../../core';
