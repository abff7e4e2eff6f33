#!/usr/bin/env node
// `npm test`: every check a change must pass, in one command, ending with the line CI reads:
// `N passed, N failed` (typecheck, lint and build count as one check each; then every unit and e2e test).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = res.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('typecheck (pure core)', bin('tsc'), ['-p', 'src/core/tsconfig.json', '--noEmit']);
check('lint (zero warnings)', bin('eslint'), ['--max-warnings', '0', '.']);
check('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);

// Unit and component tests: counted one by one from vitest's JSON report.
const vitestJson = join(reports, 'vitest.json');
rmSync(vitestJson, { force: true });
const unitOk = run('unit and component tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const unit = readJson(vitestJson);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
  if (unit.numFailedTests > 0) failures.push(`${unit.numFailedTests} unit test(s)`);
  if (!unitOk && unit.numFailedTests === 0) {
    failed += 1; // the runner failed outside any test (a file that does not load, an unhandled error)
    failures.push('vitest run (outside tests)');
  }
} else {
  failed += 1;
  failures.push('vitest produced no report');
}

// End-to-end tests drive the built renderer, served by the gateway, in Debian's Chromium.
const built = run('build (electron-vite: main, preload, renderer)', bin('electron-vite'), ['build']);
if (built) passed += 1;
else {
  failed += 1;
  failures.push('build');
}
const e2eJson = join(reports, 'playwright.json');
rmSync(e2eJson, { force: true });
if (built) {
  const e2eOk = run('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  });
  const e2e = readJson(e2eJson);
  if (e2e?.stats) {
    const { expected, unexpected, flaky, skipped: sk } = e2e.stats;
    passed += expected + flaky;
    failed += unexpected;
    skipped += sk;
    if (unexpected > 0) failures.push(`${unexpected} e2e test(s)`);
    if (!e2eOk && unexpected === 0) {
      failed += 1;
      failures.push('playwright run (outside tests)');
    }
  } else if (!existsSync(join(root, 'tests', 'e2e'))) {
    console.log('(no e2e tests yet)');
  } else {
    failed += 1;
    failures.push('playwright produced no report');
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
