import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../../scripts/labels/csv';
import { stratifiedSplit } from '../../../scripts/labels/split';

const ROOT = join(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function comptoir(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, ['scripts/comptoir.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PHRASES: Record<string, string[]> = {
  track_order: [
    'where is my order',
    'track my parcel',
    'où est ma commande',
    'suivi de mon colis',
    'has my package shipped',
  ],
  get_refund: ['i want a refund', 'refund my money', 'remboursez-moi', 'je veux un remboursement', 'money back please'],
  payment_issue: ['my card was declined', 'payment failed', 'paiement refusé', 'problème de carte', 'cannot pay'],
};

let dir = '';
let train = '';
let test = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'comptoir-eval-'));
  const rows: string[][] = [];
  for (const [intent, phrases] of Object.entries(PHRASES)) {
    for (const p of phrases) {
      rows.push([p, intent]);
      rows.push([`${p}, "please"`, intent]); // quoted field with commas and quotes
      rows.push([`hello\n${p}`, intent]); // newline inside a field
    }
  }
  const split = stratifiedSplit(rows, 1, 0.2, 7);
  train = join(dir, 'train.csv');
  test = join(dir, 'test.csv');
  writeFileSync(train, toCsv(['instruction', 'intent'], split.train));
  writeFileSync(test, toCsv(['instruction', 'intent'], split.test));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('comptoir eval labels', () => {
  it('prints one JSON object with accuracy, macro-F1, per-label figures and timings', () => {
    const r = comptoir('eval', 'labels', '--train', train, '--test', test, '--epochs', '10');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ mode: 'batch', counts: { test: 9, labels: 3 } });
    expect(out.accuracy).toBeGreaterThan(0.6);
    expect(typeof out.macroF1).toBe('number');
    expect(typeof out.meanMs).toBe('number');
    expect(typeof out.p99Ms).toBe('number');
    const perLabel = out.perLabel as Record<string, Record<string, number>>;
    expect(Object.keys(perLabel).sort()).toEqual(['get_refund', 'payment_issue', 'track_order']);
    expect(Object.keys(perLabel.get_refund!).sort()).toEqual(['f1', 'precision', 'recall', 'support']);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('--online streams the file and reports accuracy after 1, 5, 10, 20 examples', () => {
    const r = comptoir('eval', 'labels', '--test', train, '--online');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { mode: string; accuracy: number; afterExamples: Record<string, unknown> };
    expect(out.mode).toBe('online');
    expect(Object.keys(out.afterExamples)).toEqual(['1', '5', '10', '20']);
    expect(out.afterExamples['1']).toMatchObject({ predictions: expect.any(Number), accuracy: expect.any(Number) });
  });

  it('bad input: one clear line on stderr and exit code 2', () => {
    const missing = comptoir('eval', 'labels', '--train', train, '--test', join(dir, 'nope.csv'));
    expect(missing.status).toBe(2);
    expect(missing.stderr.split('\n')[0]).toMatch(/cannot read .*nope\.csv: ENOENT/);
    expect(missing.stdout).toBe('');

    const column = comptoir('eval', 'labels', '--train', train, '--test', test, '--label-column', 'category');
    expect(column.status).toBe(2);
    expect(column.stderr.split('\n')[0]).toMatch(/no column "category"/);

    const usage = comptoir('frobnicate');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^usage: /);
  });
});
