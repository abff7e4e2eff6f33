const FLASH_MS = 1600;

/**
 * Brings a message of the open thread into view and flashes it, then gives it the focus so a keyboard user
 * lands where the eye goes. Found by attribute comparison, not a selector built from the id: ids come from
 * providers, and a quote or bracket in one must not break (or widen) the query.
 */
export function scrollToMessage(messageId: string, root: ParentNode = document): boolean {
  const target = [...root.querySelectorAll<HTMLElement>('[data-message-id]')].find(
    (el) => el.getAttribute('data-message-id') === messageId,
  );
  if (!target) return false;
  target.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  target.focus({ preventScroll: true });
  target.setAttribute('data-flash', '');
  setTimeout(() => target.removeAttribute('data-flash'), FLASH_MS);
  return true;
}
