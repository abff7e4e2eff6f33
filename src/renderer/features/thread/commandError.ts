import type { MessageKey } from '../../i18n';

/**
 * The gateway and the socket answer a refused command in English words meant for logs ("offline", "unknown
 * thread", socket.io's "operation has timed out"). The agent reads a sentence in their own language instead.
 */
const KNOWN: readonly [RegExp, MessageKey][] = [
  [/^offline$|disconnected|xhr poll error|transport (close|error)/i, 'error.offline'],
  [/timed? ?out|timeout/i, 'error.timeout'],
  [/^unknown thread$/i, 'error.unknownThread'],
  [/^unknown agent$/i, 'error.unknownAgent'],
  [/unauthori[sz]ed|forbidden/i, 'error.unauthorized'],
];

export function commandErrorKey(error: string): MessageKey {
  for (const [pattern, key] of KNOWN) if (pattern.test(error.trim())) return key;
  return 'error.generic';
}
