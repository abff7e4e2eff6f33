import type { z } from 'zod';
import {
  IPC,
  IPC_INPUTS,
  type ChannelSettingsPresence,
  type IpcChannel,
  type Session,
  type ShopSettingsPresence,
} from '../core/ipc/contract';
import { describeIssues, fail, ok, type Result } from '../core/result';
import { isAppUrl } from './origin';

/** What each channel answers with on success; the renderer sees it inside a `Result`. */
export interface IpcOutputs {
  [IPC.sessionGet]: Session;
  [IPC.notifyShow]: null;
  [IPC.badgeSet]: null;
  [IPC.linkOpen]: null;
  [IPC.channelsGet]: ChannelSettingsPresence[];
  [IPC.channelsSave]: null;
  [IPC.shopGet]: ShopSettingsPresence;
  [IPC.shopSave]: null;
}
export type IpcInput<C extends IpcChannel> = z.output<(typeof IPC_INPUTS)[C]>;
/** A handler receives input its schema already accepted; throwing turns into `{ ok: false, error }`. */
export type IpcHandlers = {
  [C in IpcChannel]: (input: IpcInput<C>) => IpcOutputs[C] | Promise<IpcOutputs[C]>;
};

/** The parts of Electron's `IpcMainInvokeEvent` the sender check reads (its `WebFrameMain` has these). */
export interface IpcSenderFrame {
  readonly url: string;
  readonly parent: unknown;
}
export interface IpcCallEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: IpcSenderFrame | null;
}

export interface IpcRouterOptions {
  handlers: IpcHandlers;
  /** The `webContents.id` of the inbox window, or null while there is none: no one else may call. */
  trustedContentsId: () => number | null;
  log?: (line: string) => void;
}

export interface IpcRouter {
  readonly channels: readonly IpcChannel[];
  dispatch(channel: string, event: IpcCallEvent, input: unknown): Promise<Result<unknown>>;
}

const CHANNELS = Object.values(IPC) as readonly IpcChannel[];

function isChannel(name: string): name is IpcChannel {
  return (CHANNELS as readonly string[]).includes(name);
}

/** Why a caller is not the inbox's own top-level page, or null when it is. */
export function senderRefusal(event: IpcCallEvent, trustedContentsId: number | null): string | null {
  const frame = event.senderFrame;
  if (frame === null) return 'the sending frame is gone';
  if (frame.parent !== null) return 'sent from a sub-frame';
  if (trustedContentsId === null || event.sender.id !== trustedContentsId) return 'sent from another window';
  if (!isAppUrl(frame.url)) return `sent from a foreign origin (${frame.url.slice(0, 200)})`;
  return null;
}

/**
 * The one way into the main process: every call goes through the same checks, in this order — a known channel,
 * the inbox's own main frame on our origin, input that its schema accepts — before its handler runs. A refusal
 * is logged once and returned as a `Result`, so the renderer learns why and nothing has changed.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const log = options.log ?? ((line: string) => console.warn(line));
  const refuse = (channel: string, error: string): Result<never> => {
    log(`ipc ${JSON.stringify(channel.slice(0, 64))} refused: ${error}`);
    return fail(error);
  };

  return {
    channels: CHANNELS,
    async dispatch(channel, event, input) {
      if (!isChannel(channel)) return refuse(channel, 'unknown channel');
      const refusal = senderRefusal(event, options.trustedContentsId());
      if (refusal !== null) return refuse(channel, refusal);
      const parsed = IPC_INPUTS[channel].safeParse(input);
      if (!parsed.success) return refuse(channel, `invalid input: ${describeIssues(parsed.error.issues)}`);
      // The schema for `channel` produced `parsed.data`, so it is that handler's input.
      const handler = options.handlers[channel] as (value: unknown) => unknown;
      try {
        return ok(await handler(parsed.data));
      } catch (error) {
        return refuse(channel, error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/** The slice of Electron's `ipcMain` used here, so registration is testable without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcCallEvent, ...args: unknown[]) => unknown): void;
}

/** Registers every contract channel on `ipcMain`; each call passes its first argument as the input. */
export function registerIpcHandlers(ipcMain: IpcMainLike, router: IpcRouter): void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, ...args) => router.dispatch(channel, event, args[0]));
  }
}
