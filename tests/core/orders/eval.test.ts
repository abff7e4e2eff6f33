import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/labels/eval';
import { evaluateOrderNumbers, runOrderEval } from '../../../scripts/orders/eval';

const ROOT = join(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const FIXTURE = join(__dirname, 'order-numbers.fixture.csv');

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'comptoir-orders-eval-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evaluateOrderNumbers', () => {
  it('counts a row as TP when its number is found, other numbers as FP, missing ones as FN', () => {
    const report = evaluateOrderNumbers([
      { text: 'order #1042', expected: '1042' },
      { text: 'order #1042 and #2048', expected: '#1042' },
      { text: 'my bill #00108', expected: '' },
      { text: '#4471', expected: '' },
      { text: "j'ai passé commande hier, numéro 8812", expected: '8812' },
    ]);
    expect(report).toMatchObject({
      rows: 5,
      truePositives: 2,
      falsePositives: 2,
      falseNegatives: 1,
      precision: 0.5,
      recall: 0.6667,
      f1: 0.5714,
    });
    expect(report.misses.map((m) => m.found)).toEqual([['1042', '2048'], ['4471'], []]);
  });

  it('is zero, not NaN, on an empty set', () => {
    expect(evaluateOrderNumbers([])).toMatchObject({ rows: 0, precision: 0, recall: 0, f1: 0 });
  });
});

describe('runOrderEval on the hand-written fixture', () => {
  it('finds no wrong number and most right ones', () => {
    const report = runOrderEval(['--test', FIXTURE]);
    expect(report.rows).toBeGreaterThan(30);
    expect(report.falsePositives).toBe(0);
    expect(report.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('rejects bad input with a UsageError', () => {
    expect(() => runOrderEval([])).toThrow(UsageError);
    expect(() => runOrderEval(['--test', join(dir, 'nope.csv')])).toThrow(/cannot read .*nope\.csv: ENOENT/);
    expect(() => runOrderEval(['--test', FIXTURE, '--expected-column', 'order'])).toThrow(/no column "order"/);
    expect(() => runOrderEval(['--test', FIXTURE, '--bogus'])).toThrow(/unknown argument --bogus/);
  });
});

describe('comptoir eval order-numbers', () => {
  const comptoir = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(TSX, ['scripts/comptoir.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('prints one JSON object', () => {
    const csv = join(dir, 'custom.csv');
    writeFileSync(csv, 'message,order\n"ma commande #1042, merci",1042\nmy bill #00108,\n');
    const r = comptoir(
      'eval',
      'order-numbers',
      '--test',
      csv,
      '--text-column',
      'message',
      '--expected-column',
      'order',
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({
      rows: 2,
      precision: 1,
      recall: 1,
      f1: 1,
      truePositives: 1,
      falsePositives: 0,
      falseNegatives: 0,
      misses: [],
    });
  });

  it('bad input: one clear line on stderr and exit code 2', () => {
    const missing = comptoir('eval', 'order-numbers', '--test', join(dir, 'nope.csv'));
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.split('\n')[0]).toMatch(/^comptoir: cannot read .*nope\.csv: ENOENT$/);

    const column = comptoir('eval', 'order-numbers', '--test', FIXTURE, '--text-column', 'text');
    expect(column.status).toBe(2);
    expect(column.stderr.split('\n')[0]).toMatch(/no column "text"/);
  });
});
