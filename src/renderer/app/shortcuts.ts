import { useEffect, useRef } from 'react';

export type ShortcutAction = 'next' | 'previous' | 'resolve' | 'focusReply';
export type ShortcutHandlers = Record<ShortcutAction, () => void>;

const KEYS: Record<string, ShortcutAction> = { j: 'next', k: 'previous', e: 'resolve', r: 'focusReply' };

/** Typing a "j" in the reply box is a letter, not a command; neither is one typed in a dialog. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return true;
  return target.closest('[role="dialog"], [aria-modal="true"]') !== null;
}

/** Which single-letter shortcut an event is, if any: plain letters only (Ctrl+R reloads, Cmd+E is the OS's). */
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'isComposing' | 'defaultPrevented'>,
): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.defaultPrevented) return null;
  if (isTypingTarget(event.target)) return null;
  return KEYS[event.key.toLowerCase()] ?? null;
}

/** Binds J/K/E/R on the document for as long as the inbox is shown. */
export function useInboxShortcuts(handlers: ShortcutHandlers, target: Document | null = document): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!target) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      // R moves focus to the reply box on keydown; without this the same "r" would be typed into it.
      event.preventDefault();
      latest.current[action]();
    };
    target.addEventListener('keydown', onKeyDown);
    return () => target.removeEventListener('keydown', onKeyDown);
  }, [target]);
}
