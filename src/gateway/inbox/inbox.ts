import {
  fail,
  ok,
  type Channel,
  type Contact,
  type Message,
  type MessageStatus,
  type Provider,
  type Result,
  type Thread,
  type ThreadStatus,
} from '../../core';
import { reason, type Log } from '../log';
import { contactProvider, getContact, renameContact } from '../store/contacts';
import { listMessages, listUndelivered } from '../store/messages';
import type { Store } from '../store/store';
import { getThread, listThreads } from '../store/threads';
import { recordDelivery, recordProviderStatus, type DeliveryReport } from './delivery';
import { deleteByCustomer, editByCustomer, markUpTo, reactAsAgent, reactAsCustomer } from './message-changes';
import { UNKNOWN_MESSAGE, UNKNOWN_THREAD } from './errors';
import { ingestInbound, type Ingested, type InboundMessage, type SortHook } from './ingest';
import { storeReply, type AgentReply, type Replied } from './reply';
import { assignThread, markThreadRead, reopenThread, resolveThread } from './thread-actions';

/** A channel's outbound side: called once per stored reply, after the commit. It reports back via `recordDelivery`. */
export type Outbound = (message: Message) => void;

/**
 * The inbox's operations, one place for the socket handlers, the REST API and the channels to call. Each one
 * writes through the store (change + event in one transaction); replies are handed to their channel afterwards.
 */
export class Inbox {
  private readonly outbound = new Map<Provider, Outbound>();
  private readonly reactionHooks = new Map<Provider, (message: Message, emoji: string) => void>();
  private readonly readHooks = new Map<Provider, (thread: Thread) => void>();
  private sortHook: SortHook | undefined;

  constructor(
    readonly store: Store,
    private readonly log: Log,
  ) {}

  /** Routes replies to threads whose customers write from `provider`. */
  connectChannel(provider: Provider, send: Outbound): void {
    this.outbound.set(provider, send);
  }

  /** A channel's way to pass on an agent's reaction and "the agent opened it" (read receipts) to the customer. */
  connectExtras(
    provider: Provider,
    hooks: { react?: (message: Message, emoji: string) => void; read?: (thread: Thread) => void },
  ): void {
    if (hooks.react) this.reactionHooks.set(provider, hooks.react);
    if (hooks.read) this.readHooks.set(provider, hooks.read);
  }

  /** Every inbound message is sorted (labels, priority, rules) in its ingest transaction. */
  sortWith(hook: SortHook): void {
    this.sortHook = hook;
  }

  ingest(input: InboundMessage): Promise<Ingested> {
    return ingestInbound(this.store, input, this.sortHook);
  }

  async reply(input: AgentReply): Promise<Result<Replied>> {
    const result = await storeReply(this.store, input);
    if (result.ok && result.value.created) {
      // In sending order: a channel delivers one thread's messages one after the other.
      for (const message of [result.value.message, ...result.value.attachments]) this.dispatch(message);
    }
    return result;
  }

  /** Hands replies a channel had not finished delivering (the gateway stopped) back to it. */
  async resumeDeliveries(provider: Provider): Promise<number> {
    const pending = await listUndelivered(this.store.sql, provider);
    pending.forEach((message) => this.dispatch(message));
    return pending.length;
  }

  recordDelivery(report: DeliveryReport): Promise<Result<Message>> {
    return recordDelivery(this.store, report);
  }

  /** A status webhook, by the provider's message id (held until that id is known). */
  recordProviderStatus(report: {
    provider: Provider;
    providerMessageId: string;
    status: MessageStatus;
    error: string | null;
    at: number;
  }): Promise<Result<Message | null>> {
    return recordProviderStatus(this.store, report);
  }

  customerReacted(input: { provider: Provider; targetProviderMessageId: string; emoji: string; at: number }) {
    return reactAsCustomer(this.store, input);
  }

  customerEdited(input: { provider: Provider; providerMessageId: string; text: string; at: number }) {
    return editByCustomer(this.store, input);
  }

  customerDeleted(input: { provider: Provider; providerMessageId: string; at: number }) {
    return deleteByCustomer(this.store, input);
  }

  /** A Messenger read or delivery watermark for one customer. */
  receiptUpTo(input: {
    channel: Channel;
    recipient: string;
    watermark: number;
    status: 'delivered' | 'read';
  }): Promise<number> {
    return markUpTo(this.store, input);
  }

  /**
   * Gives a contact the name their profile shows (Messenger and Instagram webhooks carry only an id). Only a
   * contact still named by its handle is renamed: a name an agent or an import gave is kept.
   */
  async nameContact(contactId: string, name: string): Promise<Contact | null> {
    const { value } = await this.store.write(async (tx) => {
      const contact = await getContact(tx, contactId);
      if (!contact || contact.name !== contact.handle || name === contact.name) {
        return { value: null, events: [], actor: 'system' };
      }
      const renamed = { ...contact, name };
      await renameContact(tx, contactId, name);
      return { value: renamed, events: [{ type: 'contact.upserted', contact: renamed }], actor: 'system' };
    });
    return value;
  }

  /** An agent's reaction; the channel sends it to the customer after the commit. */
  async react(agentId: string, messageId: string, emoji: string): Promise<Result<Message>> {
    const message = await reactAsAgent(this.store, agentId, messageId, emoji);
    if (!message) return fail(UNKNOWN_MESSAGE);
    this.reactionHooks.get(message.provider)?.(message, emoji);
    return ok(message);
  }

  resolve(agentId: string, threadId: string): Promise<Result<Thread>> {
    return resolveThread(this.store, agentId, threadId);
  }

  reopen(agentId: string, threadId: string): Promise<Result<Thread>> {
    return reopenThread(this.store, agentId, threadId);
  }

  assign(agentId: string, threadId: string, assigneeId: string | null): Promise<Result<Thread>> {
    return assignThread(this.store, agentId, threadId, assigneeId);
  }

  async markRead(agentId: string, threadId: string): Promise<Result<Thread>> {
    const result = await markThreadRead(this.store, agentId, threadId);
    if (result.ok) {
      const provider = await contactProvider(this.store.sql, result.value.contactId);
      if (provider) this.readHooks.get(provider)?.(result.value);
    }
    return result;
  }

  threads(status?: ThreadStatus): Promise<Thread[]> {
    return listThreads(this.store.sql, status);
  }

  async messages(threadId: string): Promise<Result<Message[]>> {
    if (!(await getThread(this.store.sql, threadId))) return fail(UNKNOWN_THREAD);
    return ok(await listMessages(this.store.sql, threadId));
  }

  private dispatch(message: Message): void {
    const send = this.outbound.get(message.provider);
    // No channel for it yet (a provider not configured on this gateway): it stays pending until one is.
    if (!send) return;
    try {
      send(message);
    } catch (error) {
      this.log(`outbound ${message.provider} failed for ${message.id}: ${reason(error)}`);
    }
  }
}
