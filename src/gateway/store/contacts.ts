import type { Channel, Contact, Locale, Provider } from '../../core';
import type { SqlExecutor } from './sql';

interface ContactRow {
  id: string;
  name: string;
  channel: Channel;
  handle: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
  created_at: number;
}

const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  name: r.name,
  channel: r.channel,
  handle: r.handle,
  email: r.email,
  phone: r.phone,
  locale: r.locale,
  createdAt: Number(r.created_at),
});

const COLUMNS = 'id, name, channel, handle, email, phone, locale, created_at';

export async function findContact(db: SqlExecutor, channel: Channel, handle: string): Promise<Contact | null> {
  const rows = await db.query<ContactRow>(`SELECT ${COLUMNS} FROM contacts WHERE channel = $1 AND handle = $2`, [
    channel,
    handle,
  ]);
  return rows[0] ? toContact(rows[0]) : null;
}

/** A handle on any channel; WhatsApp first, as a phone number is most often a WhatsApp address. */
export async function findContactByHandle(db: SqlExecutor, handle: string): Promise<Contact | null> {
  const rows = await db.query<ContactRow>(
    `SELECT ${COLUMNS} FROM contacts WHERE handle = $1 ORDER BY (channel = 'whatsapp') DESC, created_at LIMIT 1`,
    [handle],
  );
  return rows[0] ? toContact(rows[0]) : null;
}

/** `provider` is where the contact writes from: outbound replies go back through it. */
export async function insertContact(db: SqlExecutor, contact: Contact, provider: Provider): Promise<void> {
  await db.query(`INSERT INTO contacts (${COLUMNS}, provider) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    contact.id,
    contact.name,
    contact.channel,
    contact.handle,
    contact.email,
    contact.phone,
    contact.locale,
    contact.createdAt,
    provider,
  ]);
}

export async function contactProvider(db: SqlExecutor, contactId: string): Promise<Provider | null> {
  const rows = await db.query<{ provider: Provider }>('SELECT provider FROM contacts WHERE id = $1', [contactId]);
  return rows[0]?.provider ?? null;
}

export async function countContacts(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts');
  return rows[0]?.n ?? 0;
}

export async function getContact(db: SqlExecutor, id: string): Promise<Contact | null> {
  const rows = await db.query<ContactRow>(`SELECT ${COLUMNS} FROM contacts WHERE id = $1`, [id]);
  return rows[0] ? toContact(rows[0]) : null;
}

export async function renameContact(db: SqlExecutor, id: string, name: string): Promise<void> {
  await db.query('UPDATE contacts SET name = $2 WHERE id = $1', [id, name]);
}
