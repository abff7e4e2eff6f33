import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { Message } from '../../../src/core';
import { MediaLoadError, type MediaFailure, type MediaLoader } from '../../../src/renderer/data/media';
import {
  BubbleEnvironmentProvider,
  type BubbleEnvironment,
} from '../../../src/renderer/features/thread/bubbleEnvironment';

/** A media loader answering from a table of message id → bytes or failure, counting its calls. */
export function fakeMedia(files: Record<string, Blob | MediaFailure>) {
  const load = vi.fn(async (messageId: string): Promise<Blob> => {
    const file = files[messageId];
    if (file instanceof Blob) return file;
    throw new MediaLoadError(file ?? 'not-found', 'test');
  });
  return { load } satisfies MediaLoader;
}

export function bubbleEnvironment(over: Partial<BubbleEnvironment> = {}): BubbleEnvironment {
  return {
    db: null,
    media: null,
    openExternal: vi.fn(),
    onReply: null,
    onReact: null,
    onCartOrder: null,
    ...over,
  };
}

export function WithEnvironment({ value, children }: { value: BubbleEnvironment; children: ReactNode }) {
  return <BubbleEnvironmentProvider value={value}>{children}</BubbleEnvironmentProvider>;
}

/**
 * happy-dom has no layout, so its IntersectionObserver never reports anything: this one says every observed
 * element is visible at once. Returns the function that puts the original back.
 */
export function everythingVisible(): () => void {
  const original = globalThis.IntersectionObserver;
  class Visible {
    constructor(private readonly callback: IntersectionObserverCallback) {}
    observe(target: Element) {
      this.callback([{ isIntersecting: true, target } as IntersectionObserverEntry], this as never);
    }
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  }
  globalThis.IntersectionObserver = Visible as unknown as typeof IntersectionObserver;
  return () => {
    globalThis.IntersectionObserver = original;
  };
}

export const agentMessage = (over: Partial<Message> = {}): Partial<Message> => ({
  direction: 'out',
  author: { kind: 'agent', agentId: 'a1' },
  ...over,
});
