/**
 * J/K: the next or previous conversation in the current view's order. When the open conversation has left the
 * view (resolved from "All", say), `lastIndex` is where it was: J opens the one that slid into its place, K the
 * one above it, so moving on after resolving feels natural.
 */
export function stepConversation(
  ids: readonly string[],
  selectedId: string | null,
  lastIndex: number,
  delta: 1 | -1,
): string | null {
  if (ids.length === 0) return null;
  const last = ids.length - 1;
  const index = selectedId === null ? -1 : ids.indexOf(selectedId);
  let target: number;
  if (index >= 0) target = index + delta;
  else if (lastIndex < 0) target = 0;
  else target = delta === 1 ? lastIndex : lastIndex - 1;
  return ids[Math.min(last, Math.max(0, target))] ?? null;
}
