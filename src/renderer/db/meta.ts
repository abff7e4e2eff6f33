import { AgentSchema, BusinessSchema, type Agent, type Business, type HelloOutput } from '../../core';
import type { ComptoirDb } from './schema';

/** Typed reads of the replica's meta rows; a value that does not fit (an older build wrote it) reads as unknown. */
export async function readCursor(db: ComptoirDb): Promise<number> {
  return cursorOf((await db.meta.get('cursor'))?.value);
}

export function cursorOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

export async function readAgent(db: ComptoirDb): Promise<Agent | null> {
  const parsed = AgentSchema.safeParse((await db.meta.get('agent'))?.value);
  return parsed.success ? parsed.data : null;
}

export async function readWorkspace(db: ComptoirDb): Promise<string | null> {
  const value = (await db.meta.get('workspace'))?.value;
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The shop's name and hours from the last hello (what `{{business.*}}` fills from); null before one said. */
export async function readBusiness(db: ComptoirDb): Promise<Business | null> {
  const parsed = BusinessSchema.safeParse((await db.meta.get('business'))?.value);
  return parsed.success ? parsed.data : null;
}

/**
 * Remembers who is signed in, which store this replica mirrors and the shop's name and hours, so all are known
 * on an offline start.
 */
export async function writeHello(db: ComptoirDb, hello: HelloOutput): Promise<void> {
  await db.meta.bulkPut([
    { key: 'agent', value: hello.agent },
    { key: 'workspace', value: hello.workspaceId },
    // An older gateway says nothing of the shop: what an earlier hello said stays.
    ...(hello.business ? [{ key: 'business' as const, value: hello.business }] : []),
  ]);
}
