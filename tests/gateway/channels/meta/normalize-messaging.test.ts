import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSummary } from '../../../../src/core';
import { parseEnvelope } from '../../../../src/gateway/channels/meta/envelope';
import { normalizeMessaging } from '../../../../src/gateway/channels/meta/normalize-messaging';
import type { ChannelUpdate, InboundChannelMessage } from '../../../../src/gateway/channels/meta/updates';
import { ChannelUpdateSchema, PAGE_ID, PSID, fromCustomer, messagingBody, mutate, prng } from './support';

const NOW = 1_760_000_000_000;
const TS = 1750000000123;

function updatesOf(channel: 'messenger' | 'instagram', events: unknown[]): ChannelUpdate[] {
  const envelope = parseEnvelope(channel, messagingBody(channel === 'messenger' ? 'page' : 'instagram', events));
  if (!envelope.ok) throw new Error(envelope.error);
  const updates = normalizeMessaging(channel, envelope.value, NOW);
  for (const update of updates) ChannelUpdateSchema.parse(update);
  return updates;
}

function messagesOf(channel: 'messenger' | 'instagram', events: unknown[]): InboundChannelMessage[] {
  return updatesOf(channel, events).map((u) => {
    if (u.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(u)}`);
    return u.message;
  });
}

const IMAGE_URL = 'https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg?_nc_cat=1';

describe.each(['messenger', 'instagram'] as const)('normalizeMessaging (%s)', (channel) => {
  it('reads a text message', () => {
    const event = fromCustomer({ message: { mid: 'm_1', text: 'Where is my parcel?' } });
    expect(updatesOf(channel, [event])).toEqual([
      {
        kind: 'message',
        message: {
          provider: channel,
          providerMessageId: 'm_1',
          channel,
          handle: PSID,
          name: PSID,
          text: 'Where is my parcel?',
          ts: TS,
          raw: event,
        },
      },
    ]);
  });

  it('makes one message per attachment', () => {
    const [image, file, voice] = messagesOf(channel, [
      fromCustomer({
        message: {
          mid: 'm_2',
          text: 'see these',
          attachments: [
            { type: 'image', payload: { url: IMAGE_URL } },
            { type: 'file', payload: { url: 'https://cdn.fbsbx.com/v/t59/invoice%20042.pdf?_nc_cat=1' } },
            { type: 'audio', payload: { url: 'https://cdn.fbsbx.com/v/audioclip.mp4' } },
          ],
        },
      }),
    ]);
    expect(image).toMatchObject({
      providerMessageId: 'm_2',
      text: 'see these',
      content: { kind: 'media', media: 'image', mediaId: IMAGE_URL, mimeType: null, filename: null },
    });
    expect(file).toMatchObject({
      providerMessageId: 'm_2#1',
      text: '',
      content: { kind: 'media', media: 'document', filename: 'invoice 042.pdf' },
    });
    expect(voice).toMatchObject({ providerMessageId: 'm_2#2', content: { kind: 'media', media: 'audio' } });
    expect(contentSummary(file?.content, file?.text ?? '')).toBe('📄 invoice 042.pdf');
  });

  it('keeps attachments it cannot show as unsupported', () => {
    const [share, mention, broken] = messagesOf(channel, [
      fromCustomer({
        message: {
          mid: 'm_3',
          attachments: [
            { type: 'share', payload: { url: 'https://www.instagram.com/p/C1', title: 'Look at this dress' } },
            { type: 'story_mention', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' } },
            { type: 'video' },
          ],
        },
      }),
    ]);
    expect(share).toMatchObject({ text: 'Look at this dress', content: { kind: 'unsupported', type: 'share' } });
    expect(mention).toMatchObject({
      providerMessageId: 'm_3#1',
      content: { kind: 'unsupported', type: 'story_mention' },
    });
    expect(broken).toMatchObject({ providerMessageId: 'm_3#2', content: { kind: 'unsupported', type: 'video' } });
  });

  it('reads a quick reply as a choice', () => {
    const [message] = messagesOf(channel, [
      fromCustomer({ message: { mid: 'm_4', text: 'Track my order', quick_reply: { payload: 'TRACK_ORDER' } } }),
    ]);
    expect(message).toMatchObject({
      text: 'Track my order',
      content: { kind: 'choice', choiceId: 'TRACK_ORDER', title: 'Track my order' },
    });
  });

  it('reads postbacks, with or without a mid', () => {
    const [withMid, withoutMid] = messagesOf(channel, [
      fromCustomer({ postback: { mid: 'm_5', title: 'Talk to us', payload: 'CONTACT' } }),
      fromCustomer({ postback: { title: 'Get Started', payload: 'GET_STARTED' } }, TS + 1),
    ]);
    expect(withMid).toMatchObject({
      providerMessageId: 'm_5',
      text: 'Talk to us',
      content: { kind: 'choice', choiceId: 'CONTACT', title: 'Talk to us' },
    });
    expect(withoutMid).toMatchObject({ providerMessageId: `postback:${PSID}:${TS + 1}`, ts: TS + 1 });
  });

  it('reads echoes of messages the page sent elsewhere', () => {
    const echo = {
      sender: { id: PAGE_ID },
      recipient: { id: PSID },
      timestamp: TS,
      message: { mid: 'm_echo', is_echo: true, app_id: 1517776481860111, metadata: 'from-crm', text: 'Hello!' },
    };
    expect(updatesOf(channel, [echo])).toEqual([
      {
        kind: 'echo',
        provider: channel,
        providerMessageId: 'm_echo',
        recipient: PSID,
        text: 'Hello!',
        metadata: 'from-crm',
        at: TS,
      },
    ]);
  });

  it('reads deliveries: per mid, or as a watermark', () => {
    expect(updatesOf(channel, [fromCustomer({ delivery: { mids: ['m_a', 'm_b'], watermark: TS - 5 } })])).toEqual([
      { kind: 'status', provider: channel, providerMessageId: 'm_a', status: 'delivered', error: null, at: TS },
      { kind: 'status', provider: channel, providerMessageId: 'm_b', status: 'delivered', error: null, at: TS },
    ]);
    expect(updatesOf(channel, [fromCustomer({ delivery: { watermark: TS - 5 } })])).toEqual([
      { kind: 'delivered-up-to', provider: channel, recipient: PSID, watermark: TS - 5 },
    ]);
  });

  it('reads reads: a watermark (Messenger) or a mid (Instagram)', () => {
    expect(updatesOf(channel, [fromCustomer({ read: { watermark: TS - 9 } })])).toEqual([
      { kind: 'read-up-to', provider: channel, recipient: PSID, watermark: TS - 9 },
    ]);
    expect(updatesOf(channel, [fromCustomer({ read: { mid: 'm_out' } })])).toEqual([
      { kind: 'status', provider: channel, providerMessageId: 'm_out', status: 'read', error: null, at: TS },
    ]);
  });

  it('reads reactions and their removal', () => {
    expect(
      updatesOf(channel, [
        fromCustomer({ reaction: { mid: 'm_out', action: 'react', reaction: 'love', emoji: '❤️' } }),
        fromCustomer({ reaction: { mid: 'm_out', action: 'react', reaction: 'like' } }),
        fromCustomer({ reaction: { mid: 'm_out', action: 'unreact' } }),
      ]),
    ).toEqual([
      { kind: 'reaction', provider: channel, targetProviderMessageId: 'm_out', emoji: '❤️', handle: PSID, at: TS },
      { kind: 'reaction', provider: channel, targetProviderMessageId: 'm_out', emoji: '👍', handle: PSID, at: TS },
      { kind: 'reaction', provider: channel, targetProviderMessageId: 'm_out', emoji: '', handle: PSID, at: TS },
    ]);
  });

  it('reads deletions and edits', () => {
    expect(
      updatesOf(channel, [
        fromCustomer({ message: { mid: 'm_6', is_deleted: true } }),
        fromCustomer({ message_edit: { mid: 'm_7', text: 'fixed typo', num_edit: 1 } }),
      ]),
    ).toEqual([
      { kind: 'delete', provider: channel, providerMessageId: 'm_6', at: TS },
      { kind: 'edit', provider: channel, providerMessageId: 'm_7', text: 'fixed typo', at: TS },
    ]);
  });

  it('quotes replies and keeps unsupported messages', () => {
    const [reply, unsupported] = messagesOf(channel, [
      fromCustomer({ message: { mid: 'm_8', text: 'this one', reply_to: { mid: 'm_prev' } } }),
      fromCustomer({ message: { mid: 'm_9', is_unsupported: true } }),
    ]);
    expect(reply?.quote).toEqual({ providerMessageId: 'm_prev' });
    expect(unsupported).toMatchObject({ text: '', content: { kind: 'unsupported', type: 'unsupported' } });
  });

  it('gives a standalone referral to the next message of the same customer', () => {
    const referral = {
      ref: 'summer-sale',
      source: 'ADS',
      type: 'OPEN_THREAD',
      ad_id: '6045246247433',
      ads_context_data: { ad_title: 'Sandals -30%', photo_url: 'https://scontent.xx.fbcdn.net/ad.jpg' },
    };
    const [message] = messagesOf(channel, [
      fromCustomer({ referral }),
      fromCustomer({ message: { mid: 'm_10', text: 'Hi, do you have size 38?' } }),
    ]);
    expect(message?.referral).toEqual({
      sourceUrl: 'https://scontent.xx.fbcdn.net/ad.jpg',
      sourceType: 'ads',
      headline: 'Sandals -30%',
      body: 'summer-sale',
    });
    // Alone in its webhook, it is only logged: nothing is kept between webhooks.
    expect(updatesOf(channel, [fromCustomer({ referral })])).toEqual([
      {
        kind: 'ignored',
        field: 'referral',
        reason: `referral from ${PSID} with no message in this webhook: ads Sandals -30%`,
      },
    ]);
  });

  it('logs events it does not handle and events without a sender', () => {
    expect(
      updatesOf(channel, [
        fromCustomer({ optin: { type: 'notification_messages', payload: 'x' } }),
        { recipient: { id: PAGE_ID }, timestamp: TS, message: { mid: 'm_x', text: 'who?' } },
      ]),
    ).toEqual([
      { kind: 'ignored', field: 'optin', reason: 'event kind not handled' },
      { kind: 'ignored', field: 'message', reason: 'event without a sender' },
    ]);
  });

  it('falls back to the entry time when the event has none', () => {
    const [message] = messagesOf(channel, [{ sender: { id: PSID }, message: { mid: 'm_11', text: 'no time' } }]);
    expect(message?.ts).toBe(1750000009999);
  });
});

describe('normalizeMessaging specifics', () => {
  it('reads Messenger stickers and legacy locations', () => {
    const [sticker, place] = messagesOf('messenger', [
      fromCustomer({
        message: {
          mid: 'm_s',
          sticker_id: 369239263222822,
          attachments: [
            { type: 'image', payload: { url: IMAGE_URL, sticker_id: 369239263222822 } },
            { type: 'location', payload: { coordinates: { lat: 48.8566, long: 2.3522 } }, title: 'Paris' },
          ],
        },
      }),
    ]);
    expect(sticker?.content).toMatchObject({ kind: 'media', media: 'sticker' });
    expect(place).toMatchObject({
      providerMessageId: 'm_s#1',
      text: 'Paris',
      content: { kind: 'location', latitude: 48.8566, longitude: 2.3522, name: 'Paris', address: null },
    });
  });

  it('turns an Instagram story reply into a story referral', () => {
    const [message] = messagesOf('instagram', [
      fromCustomer({
        message: {
          mid: 'm_story',
          text: 'Love it!',
          reply_to: { story: { url: 'https://lookaside.fbsbx.com/story', id: '17920' } },
        },
      }),
    ]);
    expect(message?.referral).toEqual({
      sourceUrl: 'https://lookaside.fbsbx.com/story',
      sourceType: 'story',
      headline: null,
      body: null,
    });
    expect(message?.quote).toBeUndefined();
  });

  it('logs standby events and feed or comment changes', () => {
    const body = {
      object: 'instagram',
      entry: [
        {
          id: PAGE_ID,
          time: 1,
          standby: [fromCustomer({ message: { mid: 'm_sb', text: 'x' } })],
          changes: [{ field: 'comments', value: { id: 'c1', text: 'nice' } }],
        },
      ],
    };
    const envelope = parseEnvelope('instagram', body);
    if (!envelope.ok) throw new Error(envelope.error);
    expect(normalizeMessaging('instagram', envelope.value)).toEqual([
      { kind: 'ignored', field: 'standby', reason: '1 event(s) in a thread another app controls' },
      { kind: 'ignored', field: 'comments', reason: 'not a messaging webhook' },
    ]);
  });
});

/** Hand-written bodies covering every event kind: the seeds of the mutation test. */
const SEEDS: Array<['messenger' | 'instagram', unknown]> = [
  [
    'messenger',
    messagingBody('page', [
      fromCustomer({
        message: {
          mid: 'm_1',
          text: 'hi',
          quick_reply: { payload: 'P' },
          reply_to: { mid: 'm_0' },
          attachments: [{ type: 'image', payload: { url: IMAGE_URL } }],
        },
      }),
      fromCustomer({ postback: { mid: 'm_2', title: 'T', payload: 'P', referral: { ref: 'r', source: 'SHORTLINK' } } }),
      fromCustomer({ delivery: { mids: ['m_a'], watermark: TS } }),
      fromCustomer({ read: { watermark: TS } }),
      fromCustomer({ reaction: { mid: 'm_a', action: 'react', emoji: '😮', reaction: 'wow' } }),
      fromCustomer({ referral: { ref: 'r', source: 'ADS', ads_context_data: { ad_title: 'A' } } }),
      { sender: { id: PAGE_ID }, recipient: { id: PSID }, timestamp: TS, message: { mid: 'm_e', is_echo: true } },
    ]),
  ],
  [
    'instagram',
    messagingBody('instagram', [
      fromCustomer({
        message: {
          mid: 'm_3',
          attachments: [
            { type: 'ig_reel', payload: { url: 'https://x', title: 'reel' } },
            { type: 'location', payload: { coordinates: { lat: 1, long: 2 } } },
          ],
          reply_to: { story: { url: 'https://s', id: '1' } },
          referral: { product: { id: '555' } },
        },
      }),
      fromCustomer({ message: { mid: 'm_4', is_deleted: true } }),
      fromCustomer({ message_edit: { mid: 'm_5', text: 'e', num_edit: 2 } }),
      fromCustomer({ read: { mid: 'm_6' } }),
      fromCustomer({ message: { mid: 'm_7', is_unsupported: true } }),
    ]),
  ],
];

describe('normalizeMessaging never throws', () => {
  it.each(SEEDS.map(([channel, body], i) => ({ channel, body, i })))(
    '$channel body #$i, mutated 400 times',
    ({ channel, body, i }) => {
      const random = prng(1000 + i);
      let messages = 0;
      for (let run = 0; run < 400; run++) {
        const mutated = mutate(body, random);
        const updates = normalizeMessaging(channel, mutated as never, NOW);
        for (const update of updates) {
          const check = ChannelUpdateSchema.safeParse(update);
          if (!check.success) throw new Error(`run ${run}: ${check.error.message} in ${JSON.stringify(update)}`);
          if (update.kind === 'message') messages++;
        }
        const envelope = parseEnvelope(channel, mutated);
        if (envelope.ok) expect(normalizeMessaging(channel, envelope.value, NOW)).toEqual(updates);
      }
      // The mutations leave most messages readable: the test exercises the readers, not only the guards.
      expect(messages).toBeGreaterThan(400);
    },
  );

  it('on arbitrary values and JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.json().map((j) => JSON.parse(j) as unknown),
        ),
        (body) => {
          for (const update of normalizeMessaging('messenger', body as never, NOW)) ChannelUpdateSchema.parse(update);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
