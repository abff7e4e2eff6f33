import { fail, ok, type Message, type Provider, type Result, type Thread, type ThreadStatus } from '../../core';
import { reason, type Log } from '../log';
import { listMessages, listUndelivered } from '../store/messages';
import type { Store } from '../store/store';
import { getThread, listThreads } from '../store/threads';
import { recordDelivery, type DeliveryReport } from './delivery';
import { UNKNOWN_THREAD } from './errors';
import { ingestInbound, type Ingested, type InboundMessage } from './ingest';
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

  constructor(
    readonly store: Store,
    private readonly log: Log,
  ) {}

  /** Routes replies to threads whose customers write from `provider`. */
  connectChannel(provider: Provider, send: Outbound): void {
    this.outbound.set(provider, send);
  }

  ingest(input: InboundMessage): Promise<Ingested> {
    return ingestInbound(this.store, input);
  }

  async reply(input: AgentReply): Promise<Result<Replied>> {
    const result = await storeReply(this.store, input);
    if (result.ok && result.value.created) this.dispatch(result.value.message);
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

  resolve(agentId: string, threadId: string): Promise<Result<Thread>> {
    return resolveThread(this.store, agentId, threadId);
  }

  reopen(agentId: string, threadId: string): Promise<Result<Thread>> {
    return reopenThread(this.store, agentId, threadId);
  }

  assign(agentId: string, threadId: string, assigneeId: string | null): Promise<Result<Thread>> {
    return assignThread(this.store, agentId, threadId, assigneeId);
  }

  markRead(agentId: string, threadId: string): Promise<Result<Thread>> {
    return markThreadRead(this.store, agentId, threadId);
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
