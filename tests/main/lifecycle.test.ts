import { describe, expect, it } from 'vitest';
import { createQuitGuard, newLaunchToken } from '../../src/main/lifecycle';

function quitEvent() {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('launch token', () => {
  it('is 32 random bytes, URL-safe, new on every launch', () => {
    const a = newLaunchToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newLaunchToken()).not.toBe(a);
  });
});

describe('quit guard', () => {
  it('holds the first quit until the gateway has closed, then quits once', async () => {
    const closing = deferred();
    let closes = 0;
    let quits = 0;
    const guard = createQuitGuard({
      close: () => {
        closes += 1;
        return closing.promise;
      },
      quit: () => void (quits += 1),
    });

    const first = quitEvent();
    guard(first);
    expect(first.prevented).toBe(true);
    const impatient = quitEvent();
    guard(impatient);
    expect(impatient.prevented).toBe(true);
    await tick();
    expect(closes).toBe(1);
    expect(quits).toBe(0);

    closing.resolve();
    await tick();
    expect(quits).toBe(1);
    const final = quitEvent();
    guard(final);
    expect(final.prevented).toBe(false);
    expect(closes).toBe(1);
  });

  it('still quits when closing fails, and says so', async () => {
    const logs: string[] = [];
    let quits = 0;
    const guard = createQuitGuard({
      close: () => Promise.reject(new Error('store busy')),
      quit: () => void (quits += 1),
      log: (line) => logs.push(line),
    });
    guard(quitEvent());
    await tick();
    expect(quits).toBe(1);
    expect(logs).toEqual(['closing the gateway failed: store busy']);
  });

  it('gives up waiting on a close that hangs', async () => {
    const logs: string[] = [];
    let quits = 0;
    const guard = createQuitGuard({
      close: () => new Promise<void>(() => undefined),
      quit: () => void (quits += 1),
      timeoutMs: 20,
      log: (line) => logs.push(line),
    });
    guard(quitEvent());
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(quits).toBe(1);
    expect(logs).toEqual(['the gateway did not close in time; quitting anyway']);
  });
});
