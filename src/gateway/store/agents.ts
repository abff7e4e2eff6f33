import { createHash } from 'node:crypto';
import type { Agent, AgentRole } from '../../core';
import type { SqlExecutor } from './sql';

interface AgentRow {
  id: string;
  name: string;
  role: AgentRole;
}

export async function getAgent(db: SqlExecutor, id: string): Promise<Agent | null> {
  const rows = await db.query<AgentRow>('SELECT id, name, role FROM agents WHERE id = $1', [id]);
  const row = rows[0];
  return row ? { id: row.id, name: row.name, role: row.role } : null;
}

export async function listAgents(db: SqlExecutor): Promise<Agent[]> {
  const rows = await db.query<AgentRow>('SELECT id, name, role FROM agents ORDER BY created_at, id');
  return rows.map((row) => ({ id: row.id, name: row.name, role: row.role }));
}

export async function saveAgent(db: SqlExecutor, agent: Agent, now: number): Promise<void> {
  await db.query(
    `INSERT INTO agents (id, name, role, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role`,
    [agent.id, agent.name, agent.role, now],
  );
}

/** Tokens are kept only as SHA-256 hashes: a copied database file grants no access. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function saveToken(db: SqlExecutor, token: string, agentId: string, now: number): Promise<void> {
  await db.query('INSERT INTO tokens (hash, agent_id, created_at) VALUES ($1, $2, $3)', [
    hashToken(token),
    agentId,
    now,
  ]);
}

export async function countTokens(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens');
  return rows[0]?.n ?? 0;
}

export async function agentForToken(db: SqlExecutor, token: string): Promise<Agent | null> {
  const rows = await db.query<AgentRow>(
    'SELECT a.id, a.name, a.role FROM tokens t JOIN agents a ON a.id = t.agent_id WHERE t.hash = $1',
    [hashToken(token)],
  );
  const row = rows[0];
  return row ? { id: row.id, name: row.name, role: row.role } : null;
}
