// `npm run bench`: the performance goals of docs/performance.md, measured in headless Chromium on this machine.
// Not part of `npm test`: figures are recorded, not asserted (a loaded CI machine would make them flaky).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './browser';
import { benchGatewayReplay, benchReplica, withBenchPage } from './replica';
import { benchStartup, type StartupFigures } from './startup';
import { benchPicker, formatPickerFigures } from './picker';
import { benchSorting, formatSortingFigures } from './sorting';
import { benchWebhooks, formatWebhookFigures } from './webhooks';

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (x: number): string => `${Math.round(x)} ms`;
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
const rate = (x: number): string => `${Math.round(x).toLocaleString('en-US')}/s`;

/** The sections, in order; `--only <name>` runs one (the browser is launched only for those that need it). */
const SECTIONS = ['replica', 'startup', 'webhooks', 'sorting', 'picker'] as const;

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const at = process.argv.indexOf('--only');
  const only = at >= 0 ? process.argv[at + 1] : undefined;
  if (only !== undefined && !(SECTIONS as readonly string[]).includes(only)) {
    throw new Error(`--only takes one of ${SECTIONS.join(', ')}`);
  }
  const wants = (section: (typeof SECTIONS)[number]) => only === undefined || only === section;
  const messages = quick ? 20_000 : 200_000;
  const threads = quick ? 1_000 : 10_000;
  const results: Record<string, unknown> = { at: new Date().toISOString(), quick };
  const browser = wants('replica') || wants('startup') ? await launchChromium() : null;
  try {
    if (browser) results['chromium'] = browser.version();
    console.log(
      `${browser ? `Chromium ${browser.version()}, ` : ''}${cpus().length} cores, Node ${process.version}${quick ? ' (quick)' : ''}`,
    );

    if (browser && wants('replica')) {
      console.log('\n1. Replica writes: the sync apply path vs raw Dexie bulkPut, same run, same schema');
      const rounds = quick ? 1 : 3;
      Object.assign(
        results,
        await withBenchPage(browser, async (page, origin) => {
          const replica = await benchReplica(page, messages, rounds);
          for (const r of [replica.messagesOnly, replica.withThreads]) {
            console.log(
              `  ${r.label}: raw bulkPut ${rate(r.rawPerSec)} (median of ${ms(median(r.rawMs))}), ` +
                `sync apply ${rate(r.applyPerSec)} (${ms(median(r.applyMs))}); ratio ${pct(r.ratio)}`,
            );
          }
          const replay = await benchGatewayReplay(page, origin, { threads, messages }, rounds);
          console.log(
            `  replay from a gateway (${replay.messages} messages, ${replay.threads} threads; sync engine, no UI): ` +
              `${ms(median(replay.replayMs))}, ${rate(replay.replayPerSec)}; ` +
              `${pct(replay.replayPerSec / replica.messagesOnly.rawPerSec)} of raw bulkPut`,
          );
          return { replica, replay };
        }),
      );
    }

    if (browser && wants('startup')) {
      console.log('\n2. Page load to the first rendered inbox');
      const runs: StartupFigures[] = [];
      runs.push(await benchStartup(browser, { label: 'demo shop', seed: null, coldRuns: 3, warmRuns: 5 }));
      runs.push(
        await benchStartup(browser, {
          label: `${threads} conversations`,
          seed: { threads, messages },
          coldRuns: 1,
          warmRuns: 5,
        }),
      );
      for (const r of runs) {
        console.log(
          `  ${r.label} (${r.threads} threads, ${r.messages} messages): warm ${ms(median(r.warmFirstRowMs))} [${r.warmFirstRowMs.map(ms).join(', ')}]; ` +
            `first launch ${ms(median(r.coldFirstRowMs))}; full replay ${ms(median(r.coldFullSyncMs))} (${rate(r.messages / (median(r.coldFullSyncMs) / 1000))} messages)`,
        );
      }
      results['startup'] = runs;
    }

    if (wants('webhooks')) {
      console.log(
        '\n3. Webhook acknowledgement: a gateway answering signed WhatsApp webhooks (durable insert before the 200)',
      );
      const webhooks = await benchWebhooks({ quick, log: (line) => console.log(line) });
      console.log(formatWebhookFigures(webhooks));
      results['webhooks'] = webhooks;
    }

    if (wants('sorting')) {
      console.log('\n4. Sorting at ingest: the same customer messages ingested with and without sorting');
      const sorting = await benchSorting(quick ? 500 : 3000);
      console.log(formatSortingFigures(sorting));
      results['sorting'] = sorting;
    }

    if (wants('picker')) {
      console.log('\n5. Quick-reply picker: filtering per keystroke over 2,000 replies (the core search, Node)');
      const picker = benchPicker();
      console.log(formatPickerFigures(picker));
      results['picker'] = picker;
    }

    const out = join(__dirname, '..', '..', 'test-results');
    mkdirSync(out, { recursive: true });
    const file = only ? `bench-${only}.json` : 'bench.json';
    writeFileSync(join(out, file), JSON.stringify(results, null, 2));
    console.log(`\nRaw figures: test-results/${file}`);
  } finally {
    await browser?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
