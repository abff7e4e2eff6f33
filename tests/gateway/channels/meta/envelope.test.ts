import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../../../src/gateway/channels/meta/envelope';
import { messagingBody, realWebhooks, waBody } from './support';

describe('parseEnvelope', () => {
  it.each(realWebhooks())('accepts the real WhatsApp body $file', ({ body }) => {
    const parsed = parseEnvelope('whatsapp', body);
    expect(parsed.ok).toBe(true);
  });

  it('keeps every field of a WhatsApp body, known or not', () => {
    const parsed = parseEnvelope('whatsapp', {
      object: 'whatsapp_business_account',
      extra: 1,
      entry: [{ id: '1', time: 5, changes: [{ field: 'future_field', value: { anything: [1, { deep: true }] } }] }],
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        object: 'whatsapp_business_account',
        extra: 1,
        entry: [{ id: '1', time: 5, changes: [{ field: 'future_field', value: { anything: [1, { deep: true }] } }] }],
      },
    });
  });

  it('accepts unknown inner items and kinds (Meta adds them all the time)', () => {
    expect(parseEnvelope('whatsapp', waBody({ calls: [{ id: 'c1', event: 'connect' }] }, 'calls')).ok).toBe(true);
    expect(parseEnvelope('whatsapp', waBody({ messages: [{ type: 'hologram' }, 'not even an object'] })).ok).toBe(true);
    expect(parseEnvelope('messenger', messagingBody('page', [{ game_play: {} }, { weird: [] }])).ok).toBe(true);
    expect(parseEnvelope('instagram', messagingBody('instagram', [])).ok).toBe(true);
    const comments = {
      object: 'instagram',
      entry: [{ id: '17841', time: 1, changes: [{ field: 'comments', value: {} }] }],
    };
    expect(parseEnvelope('instagram', comments).ok).toBe(true);
    const standby = { object: 'page', entry: [{ id: '1', time: 1, standby: [{ sender: { id: '2' } }] }] };
    expect(parseEnvelope('messenger', standby).ok).toBe(true);
  });

  it('turns numeric entry ids into strings', () => {
    const parsed = parseEnvelope('messenger', { object: 'page', entry: [{ id: 1063911070301339, time: 1 }] });
    expect(parsed.ok && parsed.value.entry[0]?.id).toBe('1063911070301339');
  });

  it.each([
    ['a string', 'whatsapp', 'hello', /not a WhatsApp webhook: .*expected object/],
    ['null', 'whatsapp', null, /not a WhatsApp webhook/],
    ['an array', 'messenger', [], /not a Messenger webhook/],
    ['another channel', 'whatsapp', messagingBody('page', []), /object: .*"whatsapp_business_account"/],
    ['Instagram on the Messenger route', 'messenger', messagingBody('instagram', []), /object: .*"page"/],
    ['Messenger on the Instagram route', 'instagram', messagingBody('page', []), /object: .*"instagram"/],
    ['no entries', 'whatsapp', { object: 'whatsapp_business_account', entry: [] }, /entry: /],
    ['entry not an array', 'messenger', { object: 'page', entry: {} }, /entry: /],
    [
      'an entry without id',
      'whatsapp',
      { object: 'whatsapp_business_account', entry: [{ changes: [] }] },
      /entry\.0\.id/,
    ],
    [
      'changes without field',
      'whatsapp',
      { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ value: {} }] }] },
      /entry\.0\.changes\.0\.field/,
    ],
    [
      'a change value that is not an object',
      'whatsapp',
      { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: [] }] }] },
      /value/,
    ],
    ['an entry without time', 'instagram', { object: 'instagram', entry: [{ id: '1', messaging: [] }] }, /time/],
    [
      'messaging not a list',
      'messenger',
      { object: 'page', entry: [{ id: '1', time: 1, messaging: {} }] },
      /messaging/,
    ],
  ] as const)('refuses %s with a readable reason', (_, channel, body, reason) => {
    const parsed = parseEnvelope(channel, body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });
});
