import { createHash, timingSafeEqual } from 'node:crypto';
import type { Agent } from '../core';
import { newToken } from './ids';
import { agentForToken, countTokens, getAgent, saveAgent, saveToken } from './store/agents';
import type { Store } from './store/store';

export const OWNER_ID = 'agent_owner';

/** Finds the agent a bearer token belongs to; null for a missing, malformed or unknown token. */
export type Authenticate = (token: unknown) => Promise<Agent | null>;

/** Printable ASCII of sane length; anything else is refused before it reaches the database. */
const TOKEN_SHAPE = /^[\x21-\x7e]{1,512}$/;

export function createAuthenticator(store: Store, adminToken: string | undefined): Authenticate {
  const adminDigest = adminToken ? digest(adminToken) : null;
  return async (token) => {
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return null;
    // Compared as digests so the comparison takes the same time whatever the length and content of the guess.
    if (adminDigest && timingSafeEqual(digest(token), adminDigest)) return getAgent(store.sql, OWNER_ID);
    return agentForToken(store.sql, token);
  };
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** The agent who installed the gateway exists from the first start; its name can change between starts. */
export async function ensureOwner(store: Store, name: string): Promise<Agent> {
  const owner: Agent = { id: OWNER_ID, name, role: 'admin' };
  await saveAgent(store.sql, owner, store.now());
  return owner;
}

/**
 * Creates the first token when there is none and no admin token was given, and returns it: the only moment it
 * exists in clear. Later starts return null.
 */
export async function ensureFirstToken(store: Store, adminToken: string | undefined): Promise<string | null> {
  if (adminToken) return adminToken;
  if ((await countTokens(store.sql)) > 0) return null;
  const token = newToken();
  await saveToken(store.sql, token, OWNER_ID, store.now());
  return token;
}
