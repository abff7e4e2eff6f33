import { useLiveQuery } from 'dexie-react-hooks';
import type { Message } from '../../../core';
import { messageById } from '../../data/queries';
import { useBubbleEnvironment } from './bubbleEnvironment';

/**
 * The quoted message, live from the replica (a late edit or deletion shows in the quote too): `undefined` while
 * looking, `null` when it is not there or there is no replica to look in.
 */
export function useQuotedMessage(messageId: string | null): Message | null | undefined {
  const { db } = useBubbleEnvironment();
  return useLiveQuery(async () => (db && messageId ? messageById(db, messageId) : null), [db, messageId]);
}
