import { join } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { emptyChannelsConfig } from '../../src/gateway/channels/meta/config';
import { readSettings } from '../../src/gateway/settings';

describe('the standalone gateway settings', () => {
  it('has defaults for everything', () => {
    expect(readSettings([], {})).toEqual({
      ok: true,
      settings: {
        host: '127.0.0.1',
        port: 8787,
        dataDir: join(homedir(), '.local', 'share', 'comptoir', 'gateway'),
        demo: false,
        staticDir: null,
        channels: emptyChannelsConfig(),
      },
    });
    expect(readSettings([], { XDG_DATA_HOME: '/xdg' })).toMatchObject({
      settings: { dataDir: '/xdg/comptoir/gateway' },
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = {
      PORT: '9000',
      HOST: '0.0.0.0',
      COMPTOIR_DATA_DIR: '/data',
      COMPTOIR_DEMO: '1',
      COMPTOIR_TOKEN: 'a-long-enough-admin-token',
      COMPTOIR_STATIC_DIR: '/site',
      COMPTOIR_AGENT_NAME: '  Maya Laurent ',
    };
    expect(readSettings([], env)).toEqual({
      ok: true,
      settings: {
        host: '0.0.0.0',
        port: 9000,
        dataDir: '/data',
        demo: true,
        staticDir: '/site',
        adminToken: env.COMPTOIR_TOKEN,
        agentName: 'Maya Laurent',
        channels: emptyChannelsConfig(),
      },
    });
    expect(
      readSettings(['--port', '0', '--host', '::1', '--data-dir', '/other', '--static', '/out', '--demo'], {
        ...env,
        COMPTOIR_DEMO: '0',
      }),
    ).toMatchObject({ settings: { host: '::1', port: 0, dataDir: '/other', demo: true, staticDir: '/out' } });
    expect(readSettings([], { COMPTOIR_DEMO: 'false' })).toMatchObject({ settings: { demo: false } });
  });

  it.each([
    [['--port', 'abc'], {}, /port: must be a whole number/],
    [['--port', '70000'], {}, /port: must be between 0 and 65535/],
    [[], { PORT: '-1' }, /port/],
    [[], { PORT: '80.5' }, /port/],
    [['--verbose'], {}, /verbose/],
    [['--port'], {}, /port/],
    [[], { COMPTOIR_TOKEN: 'short' }, /at least 16 characters/],
  ])('refuses %j %j', (argv, env, error) => {
    const result = readSettings(argv, env);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(error);
  });

  it('reads the channels from WHATSAPP_*, MESSENGER_*, INSTAGRAM_* and GRAPH_API_BASE', () => {
    const read = readSettings([], {
      GRAPH_API_BASE: 'http://127.0.0.1:9999/',
      WHATSAPP_APP_SECRET: 'secret',
      WHATSAPP_VERIFY_TOKEN: 'verify',
      WHATSAPP_ACCESS_TOKEN: 'token',
      WHATSAPP_PHONE_NUMBER_ID: '1234',
      MESSENGER_PAGE_TOKEN: '  page  ',
      INSTAGRAM_APP_SECRET: '',
    });
    expect(read).toMatchObject({
      ok: true,
      settings: {
        channels: {
          graphApiBase: 'http://127.0.0.1:9999',
          whatsapp: { appSecret: 'secret', verifyToken: 'verify', accessToken: 'token', phoneNumberId: '1234' },
          messenger: { pageToken: 'page' },
          instagram: {},
        },
      },
    });
    expect(readSettings([], { GRAPH_API_BASE: 'file:///etc' })).toEqual({
      ok: false,
      error: 'GRAPH_API_BASE must be an http(s) URL',
    });
  });
});
