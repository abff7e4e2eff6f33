import { describe, expect, it } from 'vitest';
import { commandErrorKey } from '../../../../src/renderer/features/thread/commandError';
import { translatorFor } from '../../../../src/renderer/i18n';

describe('commandErrorKey', () => {
  const fr = translatorFor('fr');
  const say = (error: string) => fr(commandErrorKey(error));

  it('turns the gateway and transport errors an agent can meet into French sentences', () => {
    expect(say('offline')).toBe('Vous êtes hors ligne. Réessayez quand la connexion sera revenue.');
    expect(say('operation has timed out')).toBe('Le serveur a mis trop de temps à répondre. Réessayez.');
    expect(say('unknown thread')).toBe('Cette conversation n’existe plus sur le serveur.');
    expect(say('unknown agent')).toBe('Ce collègue est inconnu du serveur.');
    expect(say('unauthorized')).toBe('Le serveur a refusé votre clé d’accès. Reconnectez-vous.');
  });

  it('falls back to a generic translated sentence, never the raw English text', () => {
    const sentence = say('malformed reply to thread:resolve: value: expected object');
    expect(sentence).toBe('Une erreur s’est produite sur le serveur. Réessayez.');
    expect(sentence).not.toContain('malformed');
    expect(commandErrorKey('')).toBe('error.generic');
  });
});
