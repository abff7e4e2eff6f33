import { z } from 'zod';

/**
 * The one contract between the renderer and Electron's main process. Channel names are `domain:verb`; each
 * input is parsed in main (whatever the renderer sends) and each reply is a `Result`, so errors cross intact.
 * The renderer never receives `ipcRenderer`: the preload exposes exactly these calls as `window.comptoir`.
 */
export const IPC = {
  sessionGet: 'session:get',
  notifyShow: 'notify:show',
  badgeSet: 'badge:set',
  linkOpen: 'link:open',
} as const;
export type IpcChannel = (typeof IPC)[keyof typeof IPC];

export const NotifyInputSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(500),
  threadId: z.string().min(1).max(128),
});
export const BadgeInputSchema = z.object({ count: z.number().int().min(0).max(99_999) });
export const LinkInputSchema = z.object({
  url: z
    .string()
    .max(2048)
    // URL is not part of the pure core's library; a strict pattern says the same: a scheme, then a host.
    .refine((u) => /^https?:\/\/[^\s/?#@]+(?:[/?#][^\s]*)?$/i.test(u), 'only http(s) links open outside the app'),
});

/** Where the embedded gateway listens and the token this desktop uses; handed over by main, never by URL. */
export const SessionSchema = z.object({ gatewayUrl: z.string().url(), token: z.string().min(16) });
export type Session = z.infer<typeof SessionSchema>;

export const IPC_INPUTS = {
  [IPC.sessionGet]: z.undefined(),
  [IPC.notifyShow]: NotifyInputSchema,
  [IPC.badgeSet]: BadgeInputSchema,
  [IPC.linkOpen]: LinkInputSchema,
} satisfies Record<IpcChannel, z.ZodType>;

/** The object the preload exposes as `window.comptoir`. */
export interface DesktopApi {
  getSession(): Promise<import('../result').Result<Session>>;
  notify(input: z.infer<typeof NotifyInputSchema>): Promise<import('../result').Result<null>>;
  setBadge(count: number): Promise<import('../result').Result<null>>;
  openExternal(url: string): Promise<import('../result').Result<null>>;
  /** Subscribes to clicks on a notification; returns the unsubscribe function. */
  onNotificationClick(listener: (threadId: string) => void): () => void;
}
export const NOTIFICATION_CLICK_CHANNEL = 'notify:clicked';
