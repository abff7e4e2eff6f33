import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSummary, orderTotal } from '../../../../src/core';
import { parseEnvelope } from '../../../../src/gateway/channels/meta/envelope';
import { normalizeWhatsApp } from '../../../../src/gateway/channels/meta/normalize-whatsapp';
import type { ChannelUpdate, InboundChannelMessage } from '../../../../src/gateway/channels/meta/updates';
import { ChannelUpdateSchema, WA_ID, mutate, prng, realWebhooks, waBody, waMessage } from './support';

const NOW = 1_760_000_000_000;

function updatesOf(body: unknown): ChannelUpdate[] {
  const envelope = parseEnvelope('whatsapp', body);
  if (!envelope.ok) throw new Error(envelope.error);
  const updates = normalizeWhatsApp(envelope.value, NOW);
  for (const update of updates) ChannelUpdateSchema.parse(update);
  return updates;
}

function onlyMessage(body: unknown): InboundChannelMessage {
  const updates = updatesOf(body);
  expect(updates).toHaveLength(1);
  const [update] = updates;
  if (update?.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(update)}`);
  return update.message;
}

const customer = { provider: 'whatsapp-cloud', channel: 'whatsapp', handle: '+972987654321', name: 'Test Name' };
const choice = { kind: 'choice', choiceId: 'callback_data', title: 'title' };

/** What each real body must give; `raw` is checked separately (it must be the item itself). */
const EXPECTED: Record<string, unknown[]> = {
  'callback_button__button.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.xyzxyz',
        ts: 1698266730000,
        text: 'title',
        content: choice,
        quote: { providerMessageId: 'wamid.xyzxyz' },
      },
    },
  ],
  'callback_button__quick_reply.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.xsidjw',
        ts: 1698269027000,
        text: 'title',
        content: choice,
        quote: { providerMessageId: 'wamid.xyzxyz==' },
      },
    },
  ],
  'callback_selection__callback.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.zyzxyz',
        ts: 1698266905000,
        text: 'title',
        content: choice,
        quote: { providerMessageId: 'wamid.xyzxyz' },
      },
    },
  ],
  'callback_selection__description.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.zyzxyz',
        ts: 1698266905000,
        text: 'title',
        content: choice,
        quote: { providerMessageId: 'wamid.xyzxyz' },
      },
    },
  ],
  'message__audio.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.xyzxyz',
        ts: 1697043509000,
        text: '',
        content: {
          kind: 'media',
          media: 'audio',
          mediaId: '1234567890987654321',
          mimeType: 'audio/ogg; codecs=opus',
          filename: null,
        },
        forwarded: 'once',
      },
    },
  ],
  'message__chosen_location.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.xyzxyz',
        ts: 1697044557000,
        text: 'Facebook HQ',
        content: {
          kind: 'location',
          latitude: 37.4611978,
          longitude: -122.2164385,
          name: 'Facebook HQ',
          address: '1 Hacker Way, Menlo Park, CA 94025',
        },
        forwarded: 'once',
      },
    },
  ],
  'message__document.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.xyzxyz',
        ts: 1697043666000,
        text: 'caption',
        content: {
          kind: 'media',
          media: 'document',
          mediaId: '1234567890987654321',
          mimeType: 'application/pdf',
          filename: 'filename.pdf',
        },
        forwarded: 'once',
      },
    },
  ],
  'message__image.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.xyzxyz',
        ts: 1697043379000,
        text: '',
        content: { kind: 'media', media: 'image', mediaId: '65463453', mimeType: 'image/jpeg', filename: null },
      },
    },
  ],
  'message__interactive_message_with_err.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.wegrchytvwcggt=',
        ts: 1700505494000,
        text: '',
        content: { kind: 'unsupported', type: 'interactive' },
        quote: { providerMessageId: 'wamid.gvwegfretge==' },
      },
    },
  ],
  'message__order.json': [
    {
      kind: 'message',
      message: {
        ...customer,
        providerMessageId: 'wamid.xyzxyz',
        ts: 1697044668000,
        text: '',
        content: {
          kind: 'order',
          catalogId: '354160437058781',
          items: [
            { productId: 'HAMBURGER', quantity: 3, unitPrice: 30, currency: 'ILS' },
            { productId: 'FRENCH_FRIES', quantity: 2, unitPrice: 35, currency: 'ILS' },
            { productId: 'SODA', quantity: 2, unitPrice: 10, currency: 'ILS' },
          ],
        },
      },
    },
  ],
  'message__reaction.json': [
    {
      kind: 'reaction',
      provider: 'whatsapp-cloud',
      targetProviderMessageId: 'wamid.yzxyzx=',
      emoji: '😮',
      handle: '+972987654321',
      at: 1697044456000,
    },
  ],
  'message__text.json': [
    {
      kind: 'message',
      message: { ...customer, providerMessageId: 'wamid.xyzxyz', ts: 1697043223000, text: 'Body Text' },
    },
  ],
  'message_status__delivered.json': [
    {
      kind: 'status',
      provider: 'whatsapp-cloud',
      providerMessageId: 'wamid.xyzxyz',
      status: 'delivered',
      error: null,
      at: 1698266945000,
    },
  ],
  'message_status__failed.json': [
    {
      kind: 'status',
      provider: 'whatsapp-cloud',
      providerMessageId: 'wamid.xyzxyz',
      status: 'failed',
      error:
        "(#130472) User's number is part of an experiment: " +
        "Failed to send message because this user's phone number is part of an experiment",
      at: 1689380458000,
    },
  ],
  'message_status__read.json': [
    {
      kind: 'status',
      provider: 'whatsapp-cloud',
      providerMessageId: 'wamid.xyzxyz',
      status: 'read',
      error: null,
      at: 1689380458000,
    },
  ],
  'message_status__sent.json': [
    {
      kind: 'status',
      provider: 'whatsapp-cloud',
      providerMessageId: 'wamid.xyzxyz',
      status: 'sent',
      error: null,
      at: 1698266945000,
    },
  ],
};

describe('normalizeWhatsApp on the real bodies', () => {
  const files = realWebhooks();

  it('covers every file that has expectations', () => {
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
  });

  it.each(files)('$file', ({ file, body }) => {
    const updates = updatesOf(body);
    // Whatever the file, the platform's own bodies never degrade to "ignored".
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.filter((u) => u.kind === 'ignored')).toEqual([]);
    const expected = EXPECTED[file];
    if (expected) expect(updates.map(withoutRaw)).toEqual(expected);
    // raw is the message object itself, as posted.
    const raw = (body as { entry: Array<{ changes: Array<{ value: { messages?: unknown[] } }> }> }).entry[0]?.changes[0]
      ?.value.messages?.[0];
    for (const u of updates) if (u.kind === 'message') expect(u.message.raw).toEqual(raw);
  });

  it('reads the cart: items and total', () => {
    const order = realWebhooks().find((f) => f.file === 'message__order.json');
    const message = onlyMessage(order?.body);
    if (message.content?.kind !== 'order') throw new Error('not an order');
    expect(orderTotal(message.content.items)).toBe(3 * 30 + 2 * 35 + 2 * 10);
    expect(contentSummary(message.content, message.text)).toBe('🛒 3 × HAMBURGER, 2 × FRENCH_FRIES, 2 × SODA');
  });
});

function withoutRaw(update: ChannelUpdate): unknown {
  if (update.kind !== 'message') return update;
  const { raw: _raw, ...message } = update.message;
  return { kind: 'message', message };
}

describe('normalizeWhatsApp on hand-written bodies (Meta webhook reference shapes)', () => {
  const handle = `+${WA_ID}`;

  it('reads text with the sender name and converts seconds to ms', () => {
    const message = onlyMessage(waMessage('text', { body: 'Bonjour, où est ma commande ?' }));
    expect(message).toMatchObject({ handle, name: 'Léa Martin', text: 'Bonjour, où est ma commande ?' });
    expect(message.ts).toBe(1_750_000_000_000);
    expect(message.content).toBeUndefined();
  });

  it('reads video, voice notes and stickers', () => {
    const video = onlyMessage(waMessage('video', { id: 'v1', mime_type: 'video/mp4', caption: 'le colis' }));
    expect(video).toMatchObject({
      text: 'le colis',
      content: { kind: 'media', media: 'video', mediaId: 'v1', mimeType: 'video/mp4', filename: null },
    });
    const voice = onlyMessage(waMessage('audio', { id: 'a1', mime_type: 'audio/ogg; codecs=opus', voice: true }));
    expect(voice.content).toMatchObject({ kind: 'media', media: 'voice', mediaId: 'a1' });
    expect(voice.text).toBe('');
    const sticker = onlyMessage(waMessage('sticker', { id: 's1', mime_type: 'image/webp', animated: false }));
    expect(sticker.content).toMatchObject({ kind: 'media', media: 'sticker', mediaId: 's1' });
  });

  it('reads shared contact cards', () => {
    const message = onlyMessage(
      waMessage(
        'contacts',
        {},
        {
          contacts: [
            {
              name: { formatted_name: 'Paul Durand', first_name: 'Paul' },
              phones: [{ phone: '+33 6 11 22 33 44', wa_id: '33611223344', type: 'CELL' }, { wa_id: '33700000000' }],
              emails: [{ email: 'paul@example.com', type: 'WORK' }],
            },
            { name: { first_name: 'Ana', last_name: 'Silva' } },
          ],
        },
      ),
    );
    expect(message.content).toEqual({
      kind: 'contacts',
      contacts: [
        { name: 'Paul Durand', phones: ['+33 6 11 22 33 44', '+33700000000'], emails: ['paul@example.com'] },
        { name: 'Ana Silva', phones: [], emails: [] },
      ],
    });
    expect(message.text).toBe('Paul Durand, Ana Silva');
  });

  it('keeps a click-to-WhatsApp ad referral', () => {
    const message = onlyMessage(
      waMessage(
        'text',
        { body: 'Is it still available?' },
        {
          referral: {
            source_url: 'https://fb.me/2ZulEu42P',
            source_id: '120226305854810726',
            source_type: 'ad',
            headline: 'Summer sale',
            body: 'All sandals -30%',
            media_type: 'image',
            image_url: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/1.jpg',
            ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ',
          },
        },
      ),
    );
    expect(message.referral).toEqual({
      sourceUrl: 'https://fb.me/2ZulEu42P',
      sourceType: 'ad',
      headline: 'Summer sale',
      body: 'All sandals -30%',
    });
  });

  it('marks forwarded and frequently forwarded messages', () => {
    const often = onlyMessage(
      waMessage('text', { body: 'chain letter' }, { context: { forwarded: true, frequently_forwarded: true } }),
    );
    expect(often.forwarded).toBe('frequently');
    expect(often.quote).toBeUndefined();
  });

  it('quotes the replied-to message', () => {
    const reply = onlyMessage(waMessage('text', { body: 'yes' }, { context: { from: '15550783881', id: 'wamid.Q' } }));
    expect(reply.quote).toEqual({ providerMessageId: 'wamid.Q' });
  });

  it('keeps unknown and unsupported types as unsupported messages', () => {
    const future = onlyMessage(waMessage('hologram', { id: 'h1', caption: 'look' }));
    expect(future).toMatchObject({ providerMessageId: 'wamid.hologram', text: 'look' });
    expect(future.content).toEqual({ kind: 'unsupported', type: 'hologram' });

    const poll = onlyMessage(
      waBody({
        contacts: [{ profile: { name: 'Léa Martin' }, wa_id: WA_ID }],
        messages: [
          {
            from: WA_ID,
            id: 'wamid.poll',
            timestamp: '1750000000',
            type: 'unsupported',
            errors: [{ code: 131051, title: 'Message type unknown', error_data: { details: 'not supported' } }],
            unsupported: { type: 'poll_creation' },
          },
        ],
      }),
    );
    expect(poll).toMatchObject({ text: '', content: { kind: 'unsupported', type: 'poll_creation' } });

    const unknown = onlyMessage(
      waBody({ messages: [{ from: WA_ID, id: 'wamid.u', timestamp: '1750000000', type: 'unknown', errors: [] }] }),
    );
    expect(unknown).toMatchObject({ name: handle, content: { kind: 'unsupported', type: 'unknown' } });
  });

  it('keeps a known type with a broken body as unsupported, with its caption', () => {
    const broken = onlyMessage(waMessage('image', { caption: 'no id here' }));
    expect(broken).toMatchObject({ text: 'no id here', content: { kind: 'unsupported', type: 'image' } });
    const order = onlyMessage(waMessage('order', { text: 'my cart', product_items: [{ quantity: -2 }] }));
    expect(order).toMatchObject({ text: 'my cart', content: { kind: 'unsupported', type: 'order' } });
    const sub = onlyMessage(waMessage('interactive', { type: 'call_permission_reply', call_permission_reply: {} }));
    expect(sub.content).toEqual({ kind: 'unsupported', type: 'interactive:call_permission_reply' });
  });

  it('reads a template quick-reply button and a submitted flow', () => {
    const button = onlyMessage(waMessage('button', { payload: 'STOP_PROMOS', text: 'Stop promotions' }));
    expect(button).toMatchObject({
      text: 'Stop promotions',
      content: { kind: 'choice', choiceId: 'STOP_PROMOS', title: 'Stop promotions' },
    });
    const flow = onlyMessage(
      waMessage('interactive', {
        type: 'nfm_reply',
        nfm_reply: {
          name: 'flow',
          body: 'Sent',
          response_json: '{"flow_token": "t-1", "size": "42", "express": true}',
        },
      }),
    );
    expect(flow.text).toBe('Sent\nsize: 42\nexpress: true');
    expect(flow.content).toEqual({ kind: 'choice', choiceId: 'flow', title: 'Sent' });
  });

  it('turns a reaction with no emoji into a removal', () => {
    const updates = updatesOf(waMessage('reaction', { message_id: 'wamid.OUT' }));
    expect(updates).toEqual([
      {
        kind: 'reaction',
        provider: 'whatsapp-cloud',
        targetProviderMessageId: 'wamid.OUT',
        emoji: '',
        handle,
        at: 1_750_000_000_000,
      },
    ]);
  });

  it('reads edits and revokes (coexistence numbers)', () => {
    const edit = updatesOf(
      waMessage('edit', {
        original_message_id: 'wamid.ORIG',
        message: { context: { id: 'wamid.ORIG' }, type: 'text', text: { body: 'corrected text' } },
      }),
    );
    expect(edit).toEqual([
      {
        kind: 'edit',
        provider: 'whatsapp-cloud',
        providerMessageId: 'wamid.ORIG',
        text: 'corrected text',
        at: 1_750_000_000_000,
      },
    ]);
    const caption = updatesOf(
      waMessage('edit', {
        original_message_id: 'wamid.IMG',
        message: { type: 'image', image: { id: 'i', caption: 'new caption' } },
      }),
    );
    expect(caption).toMatchObject([{ kind: 'edit', providerMessageId: 'wamid.IMG', text: 'new caption' }]);
    const revoke = updatesOf(waMessage('revoke', { original_message_id: 'wamid.ORIG' }));
    expect(revoke).toEqual([
      { kind: 'delete', provider: 'whatsapp-cloud', providerMessageId: 'wamid.ORIG', at: 1_750_000_000_000 },
    ]);
    // Without the original id nothing can be edited: kept as an unsupported message rather than lost.
    expect(onlyMessage(waMessage('edit', { message: { type: 'text' } })).content).toEqual({
      kind: 'unsupported',
      type: 'edit',
    });
  });

  it('logs system messages instead of storing them', () => {
    const updates = updatesOf(
      waBody({
        messages: [
          {
            from: WA_ID,
            id: 'wamid.sys',
            timestamp: '1750000000',
            type: 'system',
            system: { body: 'User A changed from 336 to 337', wa_id: '337', type: 'user_changed_number' },
          },
        ],
      }),
    );
    expect(updates).toEqual([
      {
        kind: 'ignored',
        field: 'messages',
        reason: `system message from ${handle} (user_changed_number: User A changed from 336 to 337)`,
      },
    ]);
  });

  it('acknowledges non-message fields as ignored', () => {
    expect(
      updatesOf(waBody({ event: 'APPROVED', message_template_name: 'promo' }, 'message_template_status_update')),
    ).toEqual([
      { kind: 'ignored', field: 'message_template_status_update', reason: 'not a message webhook (APPROVED)' },
    ]);
    expect(updatesOf(waBody({ phone_number: '15550783881', event: 'VERIFIED_ACCOUNT' }, 'account_update'))).toEqual([
      { kind: 'ignored', field: 'account_update', reason: 'not a message webhook (VERIFIED_ACCOUNT)' },
    ]);
    expect(updatesOf(waBody({ calls: [{ id: 'wacid.1', event: 'connect' }] }, 'calls'))).toMatchObject([
      { kind: 'ignored', field: 'calls' },
    ]);
  });

  it('reads a sender known only by business-scoped user id', () => {
    const message = onlyMessage(
      waBody({
        contacts: [{ profile: { name: 'maria' }, user_id: 'US.13491208655302741918', username: '@maria' }],
        messages: [
          {
            from_user_id: 'US.13491208655302741918',
            id: 'wamid.b',
            timestamp: 1750000000,
            type: 'text',
            text: { body: 'hi' },
          },
        ],
      }),
    );
    expect(message).toMatchObject({ handle: 'US.13491208655302741918', name: 'maria', ts: 1_750_000_000_000 });
  });

  it('reads messages from the WhatsApp Business app as echoes', () => {
    const updates = updatesOf(
      waBody(
        {
          message_echoes: [
            {
              from: '15550783881',
              to: WA_ID,
              id: 'wamid.E',
              timestamp: '1750000001',
              type: 'text',
              text: { body: 'Hi!' },
            },
          ],
        },
        'smb_message_echoes',
      ),
    );
    expect(updates).toEqual([
      {
        kind: 'echo',
        provider: 'whatsapp-cloud',
        providerMessageId: 'wamid.E',
        recipient: handle,
        text: 'Hi!',
        metadata: null,
        at: 1_750_000_001_000,
      },
    ]);
  });

  it('reads each item on its own: a broken one does not cost the others', () => {
    const updates = updatesOf(
      waBody({
        contacts: [{ profile: { name: 'Léa Martin' }, wa_id: WA_ID }],
        messages: [
          { from: WA_ID, id: 'wamid.1', timestamp: '1750000000', type: 'text', text: { body: 'one' } },
          { id: 'wamid.nosender', timestamp: '1750000000', type: 'text', text: { body: 'lost' } },
          { from: WA_ID, timestamp: '1750000000', type: 'text', text: { body: 'no id' } },
          null,
          { from: WA_ID, id: 'wamid.2', type: 'text', text: { body: 'two' } },
        ],
        statuses: [
          { id: 'wamid.S', status: 'failed', timestamp: '1750000002' },
          { id: 'wamid.T', status: 'deleted', timestamp: '1750000002' },
        ],
      }),
    );
    expect(updates.map((u) => (u.kind === 'message' ? u.message.providerMessageId : u.kind))).toEqual([
      'wamid.1',
      'ignored',
      'ignored',
      'ignored',
      'wamid.2',
      'status',
      'ignored',
    ]);
    expect(updates[1]).toEqual({
      kind: 'ignored',
      field: 'messages',
      reason: 'message wamid.nosender without a sender',
    });
    // No timestamp: the time it was received stands in.
    expect(updates[4]).toMatchObject({ message: { ts: NOW, text: 'two' } });
    expect(updates[5]).toMatchObject({ status: 'failed', error: 'failed (no reason given)' });
    expect(updates[6]).toMatchObject({ reason: 'status "deleted" for wamid.T' });
  });

  it('writes the failure reason with code, title and details', () => {
    const [update] = updatesOf(
      waBody({
        statuses: [
          {
            id: 'wamid.F',
            status: 'failed',
            timestamp: '1750000000',
            recipient_id: WA_ID,
            errors: [
              {
                code: 131047,
                title: 'Re-engagement message',
                message: 'Re-engagement message',
                error_data: { details: 'Message failed to send because more than 24 hours have passed.' },
              },
            ],
          },
        ],
      }),
    );
    expect(update).toMatchObject({
      error: '(#131047) Re-engagement message: Message failed to send because more than 24 hours have passed.',
    });
  });

  it('logs a value that only holds errors', () => {
    expect(updatesOf(waBody({ errors: [{ code: 131000, title: 'Something went wrong' }] }))).toEqual([
      { kind: 'ignored', field: 'messages', reason: 'error: (#131000) Something went wrong' },
    ]);
  });

  it('uses the only contact when its wa_id is spelt differently from the sender', () => {
    const message = onlyMessage(
      waBody({
        contacts: [{ profile: { name: 'Ana' }, wa_id: '5511987654321' }],
        messages: [
          { from: '551187654321', id: 'wamid.br', timestamp: '1750000000', type: 'text', text: { body: 'oi' } },
        ],
      }),
    );
    expect(message).toMatchObject({ handle: '+551187654321', name: 'Ana' });
  });
});

describe('normalizeWhatsApp never throws', () => {
  const bodies = realWebhooks();
  const RUNS = 300;

  it.each(bodies)('$file, mutated 300 times', ({ file, body }) => {
    const random = prng([...file].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 17));
    let read = 0;
    for (let run = 0; run < RUNS; run++) {
      const mutated = mutate(body, random);
      const direct = normalizeWhatsApp(mutated as never, NOW);
      for (const update of direct) {
        const check = ChannelUpdateSchema.safeParse(update);
        if (!check.success) throw new Error(`${file} run ${run}: ${check.error.message} in ${JSON.stringify(update)}`);
        if (update.kind !== 'ignored') read++;
      }
      const envelope = parseEnvelope('whatsapp', mutated);
      if (envelope.ok) expect(normalizeWhatsApp(envelope.value, NOW)).toEqual(direct);
    }
    // Many mutations leave the item readable: the readers are exercised, not only the guards.
    expect(read).toBeGreaterThan(RUNS / 5);
  });

  it('on arbitrary values and JSON', () => {
    for (const body of [undefined, null, 0, 'x', [], {}, { entry: 5 }, { entry: [{ changes: [null, 1, 'a'] }] }]) {
      expect(normalizeWhatsApp(body as never, NOW)).toEqual(
        body && typeof body === 'object' && 'entry' in body && Array.isArray(body.entry)
          ? [
              { kind: 'ignored', field: 'unknown', reason: 'not a message webhook' },
              { kind: 'ignored', field: 'unknown', reason: 'not a message webhook' },
              { kind: 'ignored', field: 'unknown', reason: 'not a message webhook' },
            ]
          : [],
      );
    }
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.json().map((j) => JSON.parse(j) as unknown),
        ),
        (body) => {
          for (const update of normalizeWhatsApp(body as never, NOW)) ChannelUpdateSchema.parse(update);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
