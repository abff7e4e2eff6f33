// Section 4 of `npm run bench`: what sorting costs at ingest. The same customer messages are ingested into a fresh
// PGlite store with and without sorting (classifier, intent, urgency, 10 rules), one at a time like a webhook
// processor does; the difference is what labels add to each inbound message.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuleDraft } from '../../src/core';
import { ensureOwner, OWNER_ID } from '../../src/gateway/auth';
import { Inbox } from '../../src/gateway/inbox/inbox';
import { Sorting } from '../../src/gateway/sorting/service';
import { openStore } from '../../src/gateway/store/store';
import { columns, parseCsv } from '../labels/csv';
import { summarize, type Latency } from './webhooks/stats';

const DATASET = join(__dirname, '..', '..', '..', 'shared', 'data', 'bitext', 'intents-v11.csv');
const RESOURCES = join(__dirname, '..', '..', 'resources');

export interface SortingFigures {
  messages: number;
  plain: Latency;
  sorted: Latency;
  labelled: number;
  suggested: number;
}

/** Ten rules of the kinds a shop writes: words, expressions, channel, hours, labels. */
function rules(): RuleDraft[] {
  const drafts: RuleDraft[] = [];
  const words = [
    ['wholesale', 'grossiste'],
    ['gift', 'cadeau'],
    ['lawyer', 'avocat'],
    ['invoice', 'facture'],
    ['cancel', 'annuler'],
  ];
  for (const [i, w] of words.entries()) {
    drafts.push({
      name: `words ${i}`,
      enabled: true,
      match: 'any',
      conditions: [{ kind: 'text', match: 'any', words: w! }],
      actions: [{ kind: 'priority', priority: 'high' }],
    });
  }
  for (const [i, pattern] of [
    '\\border\\s*#?\\d{4,}',
    'https?://\\S+',
    '\\b(asap|urgent)\\b',
    '\\d{3,} (pieces|units)',
    '[A-Z]{6,}',
  ].entries()) {
    drafts.push({
      name: `regex ${i}`,
      enabled: true,
      match: 'all',
      conditions: [
        { kind: 'regex', pattern },
        { kind: 'hours', when: i % 2 === 0 ? 'inside' : 'outside' },
        { kind: 'channel', channels: ['whatsapp', 'messenger'] },
      ],
      actions: [{ kind: 'assign', agentId: OWNER_ID }],
    });
  }
  return drafts;
}

async function ingestAll(
  texts: readonly string[],
  sorting: boolean,
): Promise<{ ms: number[]; labelled: number; suggested: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-sorting-'));
  const store = await openStore({ dataDir, now: Date.now, log: () => {} });
  try {
    await ensureOwner(store, 'You');
    const inbox = new Inbox(store, () => {});
    if (sorting) {
      const sorter = await Sorting.open(store, RESOURCES, () => {});
      for (const rule of rules()) {
        const saved = await sorter.saveRule(rule);
        if (!saved.ok) throw new Error(`bench rule refused: ${saved.error}`);
      }
      inbox.sortWith((tx, input) => sorter.sort(tx, input));
    }
    const ms: number[] = [];
    let labelled = 0;
    let suggested = 0;
    for (const [i, text] of texts.entries()) {
      const started = performance.now();
      const { thread } = await inbox.ingest({
        provider: 'sandbox',
        providerMessageId: `bench-${i}`,
        channel: 'whatsapp',
        handle: `+3361${String(i % 500).padStart(7, '0')}`,
        name: `Customer ${i % 500}`,
        locale: 'en',
        text,
      });
      ms.push(performance.now() - started);
      if (thread.labels?.length) labelled++;
      if (thread.suggestions?.length) suggested++;
    }
    return { ms, labelled, suggested };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchSorting(count: number): Promise<SortingFigures> {
  const rows = columns(parseCsv(readFileSync(DATASET, 'utf8')), ['instruction'], DATASET).map(([t]) => t!);
  // Every k-th row: all intents, in the dataset's order.
  const step = Math.max(1, Math.floor(rows.length / count));
  const texts = rows.filter((_, i) => i % step === 0).slice(0, count);
  // Warm both paths (JIT, PGlite) on a few messages first.
  await ingestAll(texts.slice(0, 100), false);
  await ingestAll(texts.slice(0, 100), true);
  const plain = await ingestAll(texts, false);
  const sorted = await ingestAll(texts, true);
  return {
    messages: texts.length,
    plain: summarize(plain.ms),
    sorted: summarize(sorted.ms),
    labelled: sorted.labelled,
    suggested: sorted.suggested,
  };
}

export function formatSortingFigures(f: SortingFigures): string {
  const fmt = (l: Latency) => `p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms, mean ${l.mean.toFixed(2)} ms`;
  return [
    `  ${f.messages} customer messages ingested one by one, fresh store each run`,
    `  without sorting: ${fmt(f.plain)}`,
    `  with sorting (classifier + intent + urgency + 10 rules): ${fmt(f.sorted)}`,
    `  sorting adds ${(f.sorted.p50 - f.plain.p50).toFixed(2)} ms at p50, ${(f.sorted.p99 - f.plain.p99).toFixed(2)} ms at p99; ` +
      `${f.labelled} conversations labelled, ${f.suggested} with a suggestion`,
  ].join('\n');
}
