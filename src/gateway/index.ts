import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAuthenticator, ensureFirstToken, ensureOwner, OWNER_ID } from './auth';
import { emptyChannelsConfig, type ChannelsConfig } from './channels/meta/config';
import { createMetaChannels, type MetaChannelsOptions } from './channels/meta/service';
import { createSandboxChannel, type SandboxChannel } from './channels/sandbox';
import { readDemoQuickReplies, seedDemoQuickReplies } from './demo/quick-replies-file';
import { defaultResourcesDir } from './demo/resources-dir';
import { seedDemoShop } from './demo/seed';
import { readDemoShop, simulationScript } from './demo/shop-file';
import { createHttpServer } from './http/server';
import { createWebhooks } from './http/webhooks';
import { Inbox } from './inbox/inbox';
import { libraryMediaOfMessage } from './library/library';
import { defaultLog } from './log';
import type { OrderSourceKind, Result } from '../core';
import type { OrdersConfig } from './orders/config';
import { createSwitchableOrders } from './orders/switchable';
import { attachRealtime } from './realtime/server';
import { DEFAULT_ALLOWED_ORIGINS, originPolicy } from './realtime/origins';
import { Sorting } from './sorting/service';
import { openStore } from './store/store';
import { GATEWAY_VERSION } from './version';

export interface GatewayOptions {
  dataDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Load the demo shop on an empty store and run the sandbox's simulated customers. */
  demo?: boolean;
  /** How often a simulated customer writes (default 20–60 s); false keeps them quiet. */
  simulate?: { minIntervalMs: number; maxIntervalMs: number } | false;
  /** Accepted for the owner agent in addition to stored tokens; never stored. */
  adminToken?: string;
  /** The owner agent's display name, updated at every start. Default "You". */
  agentName?: string;
  /** The built renderer to serve at `/`; null or absent serves only the API and the socket. */
  staticDir?: string | null;
  /** Browser origins besides the gateway's own that may open a socket. Default: the Electron app's. */
  allowedOrigins?: string[];
  /** Where `demo/shop.json` lives. Default: the repository's `resources`. */
  resourcesDir?: string;
  /** WhatsApp, Messenger and Instagram settings (secrets: kept in the gateway). Default: none set. */
  channels?: ChannelsConfig;
  /**
   * Where orders come from: the demo shop in this store (default), Shopify or WooCommerce. The credentials stay in
   * the gateway. `timeoutMs` bounds every call to the shop (default 4000).
   */
  orders?: OrdersConfig & { timeoutMs?: number };
  /** Graph API transport settings for tests (fast retries, short timeouts). */
  graphTransport?: MetaChannelsOptions['graph'];
  log?: (line: string) => void;
  now?: () => number;
}

export interface RunningGateway {
  url: string;
  port: number;
  workspaceId: string;
  /** The token to use: adminToken if given, else a token created on first start (null on later starts). */
  token: string | null;
  /** Meta's channels: new settings apply at once; `idle` waits until every stored webhook is processed. */
  channels: { configure(config: ChannelsConfig): void; idle(): Promise<void> };
  /** Where orders come from: new settings apply from the next lookup; refused ones change nothing. */
  orders: { configure(config: OrdersConfig): Result<null>; kind(): OrderSourceKind };
  /** Stops timers, sockets, the HTTP server, then closes the store. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_SIMULATION = { minIntervalMs: 20_000, maxIntervalMs: 60_000 } as const;

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = options.log ?? defaultLog;
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const store = await openStore({ dataDir: options.dataDir, now, log });
  let sandbox: SandboxChannel | null = null;
  let sorting: Sorting | null = null;
  try {
    await ensureOwner(store, options.agentName ?? 'You');
    const token = await ensureFirstToken(store, options.adminToken);
    const inbox = new Inbox(store, log);
    const resourcesDir = options.resourcesDir ?? defaultResourcesDir();
    sorting = await Sorting.open(store, resourcesDir, log);
    const sorter = sorting;
    inbox.sortWith((tx, input) => sorter.sort(tx, input));
    const shop = createSwitchableOrders(store, options.orders ?? { kind: 'demo' }, {
      timeoutMs: options.orders?.timeoutMs,
    });
    const orders = shop.service;

    if (options.demo) {
      // Read lazily, and only in demo mode: a team gateway never needs the file.
      const shop = await readDemoShop(resourcesDir);
      // Read before anything is written: a bad file refuses the start instead of leaving a demo without replies.
      const replies = await readDemoQuickReplies(resourcesDir);
      const seeded = await seedDemoShop(store, shop, OWNER_ID, log, (tx, input) => sorter.sort(tx, input));
      if (seeded) {
        log(`demo shop loaded: ${seeded.threads} conversations, ${seeded.messages} messages`);
        await seedDemoQuickReplies(store, shop.shop.name, replies, log);
      }
      sandbox = createSandboxChannel({
        inbox,
        log,
        simulate: options.simulate ?? DEFAULT_SIMULATION,
        script: simulationScript(shop),
      });
      const channel = sandbox;
      inbox.connectChannel('sandbox', (message) => channel.deliver(message));
      await inbox.resumeDeliveries('sandbox');
    }

    const channels = createMetaChannels({
      inbox,
      config: options.channels ?? emptyChannelsConfig(),
      mediaDir: join(options.dataDir, 'media'),
      log,
      graph: options.graphTransport,
    });
    const authenticate = createAuthenticator(store, options.adminToken);
    const server = createHttpServer({
      inbox,
      authenticate,
      sandbox,
      media: async (messageId) => (await libraryMediaOfMessage(store, messageId)) ?? channels.media(messageId),
      corsOrigins: options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS,
      webhooks: createWebhooks({ config: channels.config, accept: channels.accept, log }),
      version: GATEWAY_VERSION,
      staticDir: options.staticDir ?? null,
      ordersSource: () => shop.kind(),
      log,
    });
    const realtime = attachRealtime({
      httpServer: server,
      inbox,
      channels,
      sorting,
      orders,
      authenticate,
      isAllowedOrigin: originPolicy(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS),
      log,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    }).catch(async (error: unknown) => {
      await realtime.close();
      throw error;
    });
    sandbox?.start();
    await channels.start();

    const port = (server.address() as AddressInfo).port;
    let closing: Promise<void> | null = null;
    const running = sandbox;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      workspaceId: store.workspaceId,
      token,
      channels: { configure: channels.configure, idle: channels.idle },
      orders: { configure: shop.configure, kind: shop.kind },
      close() {
        closing ??= (async () => {
          await running?.stop();
          const closed = realtime.close();
          // Keep-alive connections would hold server.close() open until they time out.
          server.closeAllConnections();
          await closed;
          await channels.stop();
          await sorter.flush();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await sandbox?.stop();
    await sorting?.flush();
    await store.close();
    throw error;
  }
}
