import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeIssues } from '../core';
import { channelsConfigFromEnv, type ChannelsConfig } from './channels/meta/config';

/** The standalone gateway's settings, from flags first, then environment variables, then defaults. */
export interface CliSettings {
  host: string;
  port: number;
  dataDir: string;
  demo: boolean;
  staticDir: string | null;
  adminToken?: string;
  agentName?: string;
  /** WhatsApp, Messenger, Instagram: from WHATSAPP_*, MESSENGER_*, INSTAGRAM_* and GRAPH_API_BASE. */
  channels: ChannelsConfig;
}

const flag = z
  .string()
  .trim()
  .transform((v) => /^(1|true|yes|on)$/i.test(v))
  .optional();

const SettingsSchema = z.object({
  host: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  port: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number between 0 and 65535')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535, 'must be between 0 and 65535'))
    .default(8787),
  dataDir: z.string().trim().min(1, 'must not be empty'),
  demo: z.boolean(),
  staticDir: z.string().trim().min(1).nullable(),
  adminToken: z.string().min(16, 'COMPTOIR_TOKEN must be at least 16 characters').max(512).optional(),
  agentName: z.string().trim().min(1).max(100, 'COMPTOIR_AGENT_NAME must be at most 100 characters').optional(),
});

export type SettingsResult = { ok: true; settings: CliSettings } | { ok: false; error: string };

export function readSettings(argv: readonly string[], env: NodeJS.ProcessEnv): SettingsResult {
  let flags;
  try {
    flags = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        demo: { type: 'boolean' },
        static: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const demoEnv = flag.safeParse(env['COMPTOIR_DEMO']);
  const parsed = SettingsSchema.safeParse({
    host: flags.host ?? env['HOST'] ?? undefined,
    port: flags.port ?? env['PORT'] ?? undefined,
    dataDir: flags['data-dir'] ?? env['COMPTOIR_DATA_DIR'] ?? defaultDataDir(env),
    demo: flags.demo ?? (demoEnv.success ? (demoEnv.data ?? false) : false),
    staticDir: flags.static ?? env['COMPTOIR_STATIC_DIR'] ?? null,
    adminToken: env['COMPTOIR_TOKEN'] || undefined,
    agentName: env['COMPTOIR_AGENT_NAME']?.trim() || undefined,
  });
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues) };
  const channels = channelsConfigFromEnv(env);
  if (!channels.ok) return { ok: false, error: channels.error };
  return { ok: true, settings: { ...parsed.data, channels: channels.config } };
}

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const base = env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(base, 'comptoir', 'gateway');
}
