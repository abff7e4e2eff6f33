import { useCallback, useEffect, useState, type RefObject } from 'react';
import { MediaLoadError, type MediaFailure, type MediaLoader } from '../../data/media';

export type MediaState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; url: string; blob: Blob }
  | { state: 'error'; reason: MediaFailure };

export function failureOf(error: unknown): MediaFailure {
  return error instanceof MediaLoadError ? error.reason : 'failed';
}

/**
 * A message's media as a `blob:` URL while the component is on screen: fetched when `wanted` turns true, the
 * URL made for this component alone and revoked when it unmounts (the blob itself stays in the loader's cache).
 */
export function useMediaUrl(
  media: MediaLoader | null,
  messageId: string,
  wanted: boolean,
): MediaState & { retry(): void } {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; value: MediaState } | null>(null);
  const key = `${messageId}#${attempt}`;

  useEffect(() => {
    if (!wanted || !media) return;
    let live = true;
    let url: string | null = null;
    media.load(messageId).then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setResult({ key, value: { state: 'ready', url, blob } });
      },
      (error: unknown) => {
        if (live) setResult({ key, value: { state: 'error', reason: failureOf(error) } });
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [media, messageId, wanted, key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  let value: MediaState;
  if (!media) value = { state: 'error', reason: 'offline' };
  else if (result && result.key === key) value = result.value;
  else value = wanted ? { state: 'loading' } : { state: 'idle' };
  return { ...value, retry };
}

/**
 * Whether the element has come near the visible part of the thread, once (a bubble scrolled past stays loaded).
 * Without IntersectionObserver everything counts as visible.
 */
export function useSeen(ref: RefObject<Element | null>, margin = '300px'): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (seen || !el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          observer.disconnect();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen, margin]);
  return seen;
}
