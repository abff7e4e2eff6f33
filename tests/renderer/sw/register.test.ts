import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerShellWorker } from '../../../src/renderer/sw/register';

/** What the page asked the browser's ServiceWorkerContainer (happy-dom has none) to register. */
let registered: Array<{ script: string; scope: string | undefined }>;
let refuse: Error | null;

beforeEach(() => {
  registered = [];
  refuse = null;
  vi.stubEnv('PROD', true);
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      register: async (script: string | URL, options?: RegistrationOptions) => {
        registered.push({ script: String(script), scope: options?.scope });
        if (refuse) throw refuse;
        return {};
      },
    },
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'serviceWorker');
  Reflect.deleteProperty(window, 'comptoir');
});

/** Lets the page finish loading, as the registration waits for it. */
async function loaded() {
  if (document.readyState !== 'complete') window.dispatchEvent(new Event('load'));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('registerShellWorker', () => {
  it('registers /sw.js for the whole app in the web mode', async () => {
    registerShellWorker();
    await loaded();
    const origin = window.location.origin;
    expect(origin).toMatch(/^http/);
    expect(registered).toEqual([{ script: `${origin}/sw.js`, scope: '/' }]);
  });

  it('registers nothing inside the Electron window', async () => {
    Object.defineProperty(window, 'comptoir', { configurable: true, value: {} });
    registerShellWorker();
    await loaded();
    expect(registered).toEqual([]);
  });

  it('registers nothing on the dev server, which has no sw.js', async () => {
    vi.stubEnv('PROD', false);
    registerShellWorker();
    await loaded();
    expect(registered).toEqual([]);
  });

  it('registers nothing where the browser offers no service workers', async () => {
    Reflect.deleteProperty(navigator, 'serviceWorker');
    expect(() => registerShellWorker()).not.toThrow();
    await loaded();
    expect(registered).toEqual([]);
  });

  it('logs a refused registration once and carries on', async () => {
    refuse = new Error('The operation is insecure.');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    registerShellWorker();
    await loaded();
    expect(registered).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('The operation is insecure.');
  });
});
