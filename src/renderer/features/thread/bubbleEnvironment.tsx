import { createContext, useContext } from 'react';
import type { Message } from '../../../core';
import type { MediaLoader } from '../../data/media';
import type { ComptoirDb } from '../../db/schema';

/**
 * What a bubble needs from outside to do more than show text: media bytes, the quoted message, links out and
 * the per-message actions. The thread pane provides it once, stable, so a memoised bubble re-renders only when
 * its own message changes; without a provider (a preview, a test) a bubble still renders, minus those.
 */
export interface BubbleEnvironment {
  db: ComptoirDb | null;
  media: MediaLoader | null;
  /** Through the platform's safe link handling (http(s) only). */
  openExternal(url: string): void;
  onReply: ((message: Message) => void) | null;
  onReact: ((message: Message, emoji: string) => void) | null;
  /** Turns a chat cart into an order and confirms it; resolves with the refusal's reason, or null. */
  onCartOrder: ((messageId: string) => Promise<string | null>) | null;
}

const NO_ENVIRONMENT: BubbleEnvironment = {
  db: null,
  media: null,
  openExternal: () => {},
  onReply: null,
  onReact: null,
  onCartOrder: null,
};

const BubbleEnvironmentContext = createContext<BubbleEnvironment>(NO_ENVIRONMENT);

export const BubbleEnvironmentProvider = BubbleEnvironmentContext.Provider;

export function useBubbleEnvironment(): BubbleEnvironment {
  return useContext(BubbleEnvironmentContext);
}
