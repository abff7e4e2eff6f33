import { resolve } from 'node:path';
import { startGateway } from './index';
import { readSettings } from './settings';
import { isConfigured } from './channels/meta/config';
import { ordersConfigFromEnv } from './orders/config';

/** `npm run gateway`: the gateway as its own process (a team server, or scripts against a demo). */
async function main(): Promise<void> {
  const read = readSettings(process.argv.slice(2), process.env);
  if (!read.ok) {
    console.error(`comptoir gateway: invalid settings: ${read.error}`);
    console.error('usage: npm run gateway -- [--port N] [--host H] [--data-dir DIR] [--demo] [--static DIR]');
    process.exit(2);
  }
  const { settings } = read;
  // COMPTOIR_ORDERS=demo|shopify|woocommerce and the shop's credentials (docs/orders-sources.md).
  const orders = ordersConfigFromEnv(process.env);
  if (!orders.ok) {
    console.error(`comptoir gateway: invalid orders settings: ${orders.error}`);
    process.exit(2);
  }
  const gateway = await startGateway({
    dataDir: resolve(settings.dataDir),
    host: settings.host,
    port: settings.port,
    demo: settings.demo,
    staticDir: settings.staticDir ? resolve(settings.staticDir) : null,
    adminToken: settings.adminToken,
    channels: settings.channels,
    orders: orders.config,
    ...(settings.agentName ? { agentName: settings.agentName } : {}),
  });
  console.log(`Comptoir gateway listening on ${gateway.url}`);
  // The kind only: the store's domain, keys and tokens are not printed.
  console.log(`orders: ${orders.config.kind}`);
  for (const channel of ['whatsapp', 'messenger', 'instagram'] as const) {
    if (isConfigured(settings.channels, channel))
      console.log(`${channel}: webhooks at ${gateway.url}/webhooks/${channel}`);
  }
  // Printed once, when created; the store keeps only its hash. An admin token from the environment is not echoed.
  if (gateway.token && !settings.adminToken) console.log(`Admin token (shown once, keep it safe): ${gateway.token}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`comptoir gateway: ${signal}: close failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`comptoir gateway: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
