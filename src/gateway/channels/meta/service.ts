import {
  fail,
  ok,
  replyWindow,
  type ChannelStatus,
  type Message,
  type MessageTemplate,
  type Provider,
  type Result,
  type Thread,
} from '../../../core';
import { UNKNOWN_MESSAGE, UNKNOWN_THREAD } from '../../inbox/errors';
import { libraryFileOfMessage } from '../../library/library';
import type { Inbox } from '../../inbox/inbox';
import { reason, type Log } from '../../log';
import { contactProvider, findContact, getContact } from '../../store/contacts';
import { getMessage, lastInbound, listUndelivered } from '../../store/messages';
import { getThread } from '../../store/threads';
import { insertDelivery, lastDeliveryAt } from '../../store/webhooks';
import { isConfigured, settingsPresence, type ChannelsConfig } from './config';
import { createGraphClient, MAX_MEDIA_BYTES, type GraphHttpOptions, type SendOutcome } from './graph';
import { createMediaCache } from './media-cache';
import { createWebhookProcessor } from './processor';
import { storableText } from './sanitize';
import { sendLibraryFile, tokenDigest } from './send-file';
import type { ChannelUpdate, MetaChannel } from './updates';

export interface MetaChannelsOptions {
  inbox: Inbox;
  config: ChannelsConfig;
  /** Where fetched media is cached. */
  mediaDir: string;
  log: Log;
  /** Transport settings for tests (fast backoff, short timeouts). */
  graph?: Omit<GraphHttpOptions, 'base' | 'version' | 'log'>;
}

export const PROVIDER_OF: Record<MetaChannel, Provider> = {
  whatsapp: 'whatsapp-cloud',
  messenger: 'messenger',
  instagram: 'instagram',
};
const CHANNEL_OF: Partial<Record<Provider, MetaChannel>> = {
  'whatsapp-cloud': 'whatsapp',
  messenger: 'messenger',
  instagram: 'instagram',
};
const META_CHANNELS: readonly MetaChannel[] = ['whatsapp', 'messenger', 'instagram'];
const TEMPLATE_CACHE_MS = 10 * 60_000;

/**
 * WhatsApp, Messenger and Instagram on one gateway: webhooks in (stored, then processed), replies, reactions and
 * read receipts out through the Graph API, media fetched on demand. Settings can change while it runs (the app's
 * settings screen); the next request uses them.
 */
export function createMetaChannels(options: MetaChannelsOptions) {
  const { inbox, log } = options;
  const sql = inbox.store.sql;
  let config = options.config;
  let graph = clientFor(config);
  const lastError = new Map<MetaChannel, string | null>();
  const sending = new Set<string>();
  const templateCache = new Map<string, { at: number; templates: MessageTemplate[] }>();
  const mediaCache = createMediaCache(options.mediaDir);

  function clientFor(c: ChannelsConfig) {
    return createGraphClient({ ...options.graph, base: c.graphApiBase, version: c.graphApiVersion, log });
  }

  /** Customers whose name was looked up already (by channel and handle): one lookup each, and no query per message. */
  const named = new Set<string>();
  /** Messenger and Instagram name customers by id only: their profile gives the name agents see. */
  const learnName = async (channel: MetaChannel, update: ChannelUpdate) => {
    if (channel === 'whatsapp' || update.kind !== 'message') return;
    const { handle } = update.message;
    const key = `${channel}:${handle}`;
    if (named.has(key)) return;
    named.add(key);
    const contact = await findContact(sql, update.message.channel, handle);
    if (!contact || contact.name !== handle) return;
    const api = apis[channel]();
    const profile = api && (await api.profileName(handle));
    if (profile?.ok && profile.name) await inbox.nameContact(contact.id, storableText(profile.name, 200));
    else if (profile && !profile.ok) log(`profile of a ${channel} customer not read: ${profile.error}`);
  };

  const processor = createWebhookProcessor({
    inbox,
    log,
    onUpdate: (channel, update) => {
      learnName(channel, update).catch((error: unknown) => log(`profile lookup failed: ${reason(error)}`));
    },
    onError: (channel, error) => lastError.set(channel, error),
  });

  const note = (channel: MetaChannel, outcome: SendOutcome) => {
    if (outcome.ok) lastError.set(channel, null);
    else if (!outcome.unsupported) lastError.set(channel, outcome.error);
  };

  /** The customer's address and the channel of a stored thread. */
  const recipientOf = async (threadId: string) => {
    const thread = await getThread(sql, threadId);
    const contact = thread && (await getContact(sql, thread.contactId));
    return thread && contact ? { thread, handle: contact.handle } : null;
  };

  const apis = {
    whatsapp() {
      const s = config.whatsapp;
      if (!s.accessToken || !s.phoneNumberId) return null;
      return graph.whatsapp({
        accessToken: s.accessToken,
        phoneNumberId: s.phoneNumberId,
        businessAccountId: s.businessAccountId,
      });
    },
    messenger() {
      const s = config.messenger;
      return s.pageToken ? graph.messenger({ pageToken: s.pageToken, pageId: s.pageId }) : null;
    },
    instagram() {
      const s = config.instagram;
      return s.pageToken ? graph.instagram({ accessToken: s.pageToken, igUserId: s.accountId }) : null;
    },
  };

  const send = async (message: Message): Promise<SendOutcome> => {
    const channel = CHANNEL_OF[message.provider];
    const to = await recipientOf(message.threadId);
    if (!channel || !to) return { ok: false, retryable: false, error: 'no recipient for this message', code: null };
    const missing = { ok: false as const, retryable: false, error: `the ${channel} channel is not set up`, code: null };
    const fileId = libraryFileOfMessage(message);
    if (channel === 'whatsapp') {
      const api = apis.whatsapp();
      if (!api) return missing;
      if (fileId) {
        const phoneNumberId = config.whatsapp.phoneNumberId ?? '';
        return sendLibraryFile(inbox.store, fileId, { channel, api, phoneNumberId, to: to.handle });
      }
      if (message.content?.kind === 'template') return api.sendTemplate(to.handle, message.content);
      const quote = message.quote?.providerMessageId ?? undefined;
      return api.sendText(to.handle, message.text, quote ? { quoteProviderMessageId: quote } : {});
    }
    const api = apis[channel]();
    if (!api) return missing;
    const window = replyWindow(to.thread.channel, to.thread.lastInboundAt, inbox.store.now());
    const sendOptions = {
      ...(window.state === 'human-agent' && { tag: 'HUMAN_AGENT' as const }),
      metadata: `comptoir:${message.clientId ?? message.id}`,
    };
    if (fileId) {
      const settings = channel === 'messenger' ? config.messenger : config.instagram;
      const id = channel === 'messenger' ? config.messenger.pageId : config.instagram.accountId;
      const account = id ?? tokenDigest(settings.pageToken ?? '');
      return sendLibraryFile(inbox.store, fileId, { channel, api, account, to: to.handle, options: sendOptions });
    }
    return api.sendText(to.handle, message.text, sendOptions);
  };

  /** One thread's replies leave one after the other: a text and its files reach the customer in that order. */
  const queues = new Map<string, Promise<void>>();
  const inThreadOrder = (threadId: string, task: () => Promise<void>) => {
    const queued = (queues.get(threadId) ?? Promise.resolve()).then(task);
    queues.set(threadId, queued);
    void queued.finally(() => {
      if (queues.get(threadId) === queued) queues.delete(threadId);
    });
  };

  /** Sends one agent reply; a message is never in flight twice, and a stored provider id means it went out. */
  const deliver = (message: Message) => {
    if (sending.has(message.id) || message.providerMessageId !== null) return;
    sending.add(message.id);
    inThreadOrder(message.threadId, async () => {
      try {
        const outcome = await send(message);
        const channel = CHANNEL_OF[message.provider];
        if (channel) note(channel, outcome);
        await inbox.recordDelivery(
          outcome.ok
            ? { messageId: message.id, status: 'sent', providerMessageId: outcome.providerMessageId ?? undefined }
            : { messageId: message.id, status: 'failed', error: outcome.error },
        );
      } catch (error) {
        log(`sending ${message.id} failed: ${reason(error)}`);
      } finally {
        sending.delete(message.id);
      }
    });
  };

  const react = (message: Message, emoji: string) => {
    const channel = CHANNEL_OF[message.provider];
    if (!channel || !message.providerMessageId) return;
    const target = message.providerMessageId;
    void (async () => {
      const to = await recipientOf(message.threadId);
      const api = apis[channel]();
      if (!to || !api) return;
      const outcome = await api.react(to.handle, target, emoji);
      note(channel, outcome);
      if (!outcome.ok) log(`reaction on ${message.id} not sent: ${outcome.error}`);
    })().catch((error: unknown) => log(`reaction on ${message.id} failed: ${reason(error)}`));
  };

  /** The agent opened the conversation: the customer sees blue ticks (WhatsApp) or "seen" (Messenger). */
  const markRead = (thread: Thread) => {
    void (async () => {
      const provider = await contactProvider(sql, thread.contactId);
      const channel = provider && CHANNEL_OF[provider];
      if (!channel) return;
      if (channel === 'whatsapp') {
        const lastIn = await lastInbound(sql, thread.id);
        const api = apis.whatsapp();
        if (lastIn?.providerMessageId && api) note(channel, await api.markRead(lastIn.providerMessageId));
        return;
      }
      const to = await recipientOf(thread.id);
      const api = apis[channel]();
      if (to && api) note(channel, await api.markSeen(to.handle));
    })().catch((error: unknown) => log(`read receipt for ${thread.id} failed: ${reason(error)}`));
  };

  for (const channel of META_CHANNELS) {
    inbox.connectChannel(PROVIDER_OF[channel], deliver);
    inbox.connectExtras(PROVIDER_OF[channel], { react, read: markRead });
  }

  return {
    config: () => config,

    /** New settings (saved in the app): used from the next request on. */
    configure(next: ChannelsConfig) {
      config = next;
      graph = clientFor(next);
      templateCache.clear();
      for (const channel of META_CHANNELS) lastError.delete(channel);
    },

    /** Stores a verified webhook body (before the 200) and schedules its processing. */
    async accept(channel: MetaChannel, body: Buffer): Promise<boolean> {
      const stored = await insertDelivery(sql, channel, body, inbox.store.now());
      if (stored) processor.wake();
      return stored;
    },

    /** Resumes what a stop interrupted: stored bodies not processed, replies not handed to the provider. */
    async start() {
      processor.wake();
      for (const channel of META_CHANNELS) {
        for (const message of await listUndelivered(sql, PROVIDER_OF[channel])) {
          // Only never-sent replies: one with a status from the provider went out already.
          if (message.status === 'pending') deliver(message);
        }
      }
    },

    async status(): Promise<ChannelStatus[]> {
      return Promise.all(
        META_CHANNELS.map(async (channel) => {
          const configured = isConfigured(config, channel);
          const error = lastError.get(channel) ?? null;
          return {
            channel,
            configured,
            connected: configured && error === null,
            lastWebhookAt: await lastDeliveryAt(sql, channel),
            lastError: error,
            settings: settingsPresence(config, channel),
          };
        }),
      );
    },

    async templates(threadId: string): Promise<Result<MessageTemplate[]>> {
      const thread = await getThread(sql, threadId);
      if (!thread) return fail(UNKNOWN_THREAD);
      if ((await contactProvider(sql, thread.contactId)) !== 'whatsapp-cloud') {
        return fail('templates are sent on WhatsApp only');
      }
      const api = apis.whatsapp();
      if (!api) return fail('the whatsapp channel is not set up');
      if (!config.whatsapp.businessAccountId) return fail('WHATSAPP_BUSINESS_ACCOUNT_ID is needed to list templates');
      const cached = templateCache.get(config.whatsapp.businessAccountId);
      if (cached && inbox.store.now() - cached.at < TEMPLATE_CACHE_MS) return ok(cached.templates);
      const outcome = await api.listTemplates();
      note('whatsapp', outcome.ok ? { ok: true, providerMessageId: null } : outcome);
      if (!outcome.ok) return fail(`templates could not be listed: ${outcome.error}`);
      templateCache.set(config.whatsapp.businessAccountId, { at: inbox.store.now(), templates: outcome.templates });
      return ok(outcome.templates);
    },

    /** A message's media file: from the cache, else from the provider with the channel's token. */
    async media(messageId: string): Promise<Result<{ bytes: Buffer; mimeType: string }>> {
      const message = await getMessage(sql, messageId);
      const content = message?.content;
      if (!message || content?.kind !== 'media') return fail(UNKNOWN_MESSAGE);
      const cached = await mediaCache.get(message.id);
      if (cached) return ok(cached);
      const channel = CHANNEL_OF[message.provider];
      let fetched: Result<{ bytes: Buffer; mimeType: string }>;
      if (channel === 'whatsapp') {
        const api = apis.whatsapp();
        if (!api) return fail('the whatsapp channel is not set up');
        const outcome = await api.fetchMedia(content.mediaId);
        fetched = outcome.ok ? ok({ bytes: outcome.bytes, mimeType: outcome.mimeType }) : fail(outcome.error);
      } else if (channel) {
        fetched = await fetchAttachment(content.mediaId, content.mimeType);
      } else {
        return fail('this message has no provider to fetch its media from');
      }
      if (fetched.ok) await mediaCache.put(message.id, fetched.value);
      return fetched;
    },

    idle: () => processor.idle(),
    stop: () => processor.stop(),
  };

  /**
   * Messenger and Instagram attachments come as CDN URLs that need no token (and must not get one: the URL's host is
   * not the Graph API). Only https URLs, or the configured Graph API host (a local server in tests).
   */
  async function fetchAttachment(
    url: string,
    mimeType: string | null,
  ): Promise<Result<{ bytes: Buffer; mimeType: string }>> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return fail('the attachment has no valid URL');
    }
    const graphHost = new URL(config.graphApiBase).host;
    if (parsed.protocol !== 'https:' && parsed.host !== graphHost) return fail('the attachment URL is not https');
    const outcome = await graph.http.bytes(parsed.toString(), '', MAX_MEDIA_BYTES);
    if (!outcome.ok) return fail(outcome.error);
    return ok({ bytes: outcome.bytes, mimeType: outcome.contentType ?? mimeType ?? 'application/octet-stream' });
  }
}

export type MetaChannels = ReturnType<typeof createMetaChannels>;
