import { describe, expect, it } from 'vitest';
import type { MessageTemplate } from '../../../../src/core';
import { composerWindow, formatTimeLeft } from '../../../../src/renderer/features/composer/replyWindow';
import { fillTemplate, parameterCount, templateSend } from '../../../../src/renderer/features/composer/template';
import { translatorFor } from '../../../../src/renderer/i18n';
import { DAY, HOUR, message, MINUTE, NOW, thread } from '../../test-utils/fixtures';

const t = translatorFor('en');

describe('composerWindow', () => {
  it('follows the provider of the customer’s last message, not the channel', () => {
    const wa = thread({ channel: 'whatsapp', lastInboundAt: NOW - 2 * DAY });
    expect(composerWindow(wa, [message({ provider: 'sandbox', ts: NOW - 2 * DAY })], NOW)).toBeNull();
    expect(composerWindow(wa, [message({ provider: 'whatsapp-cloud', ts: NOW - 2 * DAY })], NOW)).toEqual({
      state: 'template',
    });
    expect(composerWindow(wa, undefined, NOW)).toBeNull();
  });

  it('uses the newer of the thread’s and the messages’ last inbound time', () => {
    const ms = thread({ channel: 'messenger', lastInboundAt: NOW - 30 * HOUR });
    const messages = [message({ provider: 'messenger', ts: NOW - HOUR })];
    expect(composerWindow(ms, messages, NOW)).toEqual({ state: 'open', closesAt: NOW + 23 * HOUR });
  });

  it('knows the provider from our own sends when the customer has not written yet', () => {
    const wa = thread({ channel: 'whatsapp', lastInboundAt: null });
    const sent = message({ direction: 'out', author: { kind: 'agent', agentId: 'a' }, provider: 'whatsapp-cloud' });
    expect(composerWindow(wa, [sent], NOW)).toEqual({ state: 'template' });
  });
});

describe('formatTimeLeft', () => {
  it('counts down to the minute, in hours then days', () => {
    expect(formatTimeLeft(3 * HOUR + 12 * MINUTE + 59_000, t)).toBe('3 h 12 min');
    expect(formatTimeLeft(59 * MINUTE, t)).toBe('59 min');
    expect(formatTimeLeft(20_000, t)).toBe('1 min');
    expect(formatTimeLeft(6 * DAY + 5 * HOUR, t)).toBe('6 d 5 h');
    expect(formatTimeLeft(6 * DAY + 5 * HOUR, translatorFor('fr'))).toBe('6 j 5 h');
  });
});

describe('templates', () => {
  const template: MessageTemplate = {
    name: 'pickup',
    language: 'en',
    category: 'UTILITY',
    body: 'Hi {{1}}, your order is ready at {{2}}. Ask for {{1}}.',
    parameterCount: 2,
  };

  it('fills every occurrence of a placeholder, and leaves unfilled ones visible', () => {
    expect(fillTemplate(template.body, ['Léa', 'Rue Oberkampf'])).toBe(
      'Hi Léa, your order is ready at Rue Oberkampf. Ask for Léa.',
    );
    expect(fillTemplate(template.body, ['Léa'])).toBe('Hi Léa, your order is ready at {{2}}. Ask for Léa.');
  });

  it('needs every parameter, trimmed, before it can be sent', () => {
    expect(templateSend(template, ['Léa', '  '])).toBeNull();
    expect(templateSend(template, [' Léa ', 'Rue Oberkampf'])).toEqual({
      text: 'Hi Léa, your order is ready at Rue Oberkampf. Ask for Léa.',
      template: { name: 'pickup', language: 'en', parameters: ['Léa', 'Rue Oberkampf'] },
    });
  });

  it('trusts the body over a count that is too small', () => {
    expect(parameterCount({ ...template, body: 'A {{1}} B {{3}}', parameterCount: 1 })).toBe(3);
  });
});
