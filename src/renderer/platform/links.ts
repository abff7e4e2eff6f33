import { LinkInputSchema } from '../../core';

/** The same rule main applies: only http(s) leaves the app, whatever a message or a template contains. */
export function isExternalLink(url: string): boolean {
  return LinkInputSchema.safeParse({ url }).success;
}
