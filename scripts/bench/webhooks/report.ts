// The figures as printed by `npm run bench` and by the bench alone: three tables (latency, load, processing), the
// check, and the `--diagnose` details. Raw figures go to JSON; this is for reading next to docs/performance.md.
import type { WebhookFigures } from './index';
import type { OpenLoopFigures, PhaseFigures } from './phases';

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const msCell = (x: number) => (Number.isFinite(x) ? (x < 10 ? `${x.toFixed(1)} ms` : `${f0(x)} ms`) : '–');
const share = (x: number | null) => (x === null || !Number.isFinite(x) ? '–' : `${Math.round(x * 100)}%`);

/** One table: the phase left-aligned in 34 characters, each figure right-aligned in its column's width. */
function table(title: string, columns: Array<[string, number]>, rows: Array<[string, string[]]>): string[] {
  const line = (first: string, cells: string[]) =>
    `  ${first.padEnd(34)}${cells.map((cell, i) => cell.padStart(columns[i]?.[1] ?? 0)).join('')}`;
  return [
    line(
      title,
      columns.map(([name]) => name),
    ),
    ...rows.map(([label, cells]) => line(label, cells)),
  ];
}

/** What the sender saw: latency from the scheduled time, errors, and how the connections behaved. */
function latencySection(o: OpenLoopFigures, phases: PhaseFigures[]): string[] {
  const columns: Array<[string, number]> = [
    ['sent', 7],
    ['errors', 8],
    ['accepted/s', 12],
    ['p50', 10],
    ['p90', 10],
    ['p99', 10],
    ['max', 10],
  ];
  const rows = phases.map((p): [string, string[]] => [
    p.label,
    [
      f0(p.sent),
      f0(p.errors),
      f1(p.acceptedPerSec),
      ...[p.latency.p50, p.latency.p90, p.latency.p99, p.latency.max].map(msCell),
    ],
  ]);
  const verdict = o.latency.p99 < 250 && o.errors === 0 && o.acceptedPerSec >= o.targetRate * 0.98 ? '✔' : '✘';
  return [
    '',
    ...table('phase', columns, rows),
    `  open loop: target p99 < 250 ms at ${o.targetRate}/s → ${msCell(o.latency.p99)} ${verdict}; ` +
      `sent at ${f1(o.sendRate)}/s (sender late p99 ${msCell(o.senderLateness.p99)}), ` +
      `up to ${o.maxInFlight} in flight; latency from the socket write p99 ${msCell(o.latencyFromWrite.p99)}`,
    ...phases.map(
      (p) =>
        `  ${p.label}: ${f0(p.slowerThan1s)} answers > 1 s (${f0(p.slowerThan1sOnNewConnection)} on a new ` +
        `connection); ${f0(p.newConnections)} new connections (connect p99 ${msCell(p.connect.p99)}, ` +
        `max ${msCell(p.connect.max)}); TCP accept-queue overflows ${p.machine.listenOverflows ?? '–'}, ` +
        `SYN retransmits ${p.machine.synRetransmits ?? '–'} (whole network namespace)`,
    ),
    ...phases.flatMap((p) => (p.errorSamples.length > 0 ? [`  ${p.label} errors: ${p.errorSamples.join(' | ')}`] : [])),
  ];
}

/** How loaded the gateway, the machine and the sender were: a slow phase on a busy machine says little. */
function loadSection(phases: PhaseFigures[]): string[] {
  const columns: Array<[string, number]> = [
    ['gateway CPU', 12],
    ['per webhook', 12],
    ['loop delay', 12],
    ['max', 10],
    ['machine busy', 14],
    ['CPU pressure', 14],
    ['sender CPU', 12],
    ['sender late', 13],
  ];
  const rows = phases.map(({ label, gateway: g, machine: m }): [string, string[]] => [
    label,
    [
      share(g.cpuShare),
      msCell(g.cpuMsPerWebhook),
      msCell(g.eventLoopDelay.p99),
      msCell(g.eventLoopDelay.max),
      share(m.busyShare),
      share(m.cpuPressure),
      share(m.senderCpuShare),
      msCell(m.senderLoopDelayP99),
    ],
  ]);
  return [
    '',
    ...table('during', columns, rows),
    "  (gateway CPU: one core = 100%; loop delay: p99 lateness of the gateway's timers; machine busy: all cores, all " +
      "processes; CPU pressure: time some task waited for a core; sender late: p99 lateness of the sender's timers)",
  ];
}

/** Whether processing kept up with intake, phase by phase. */
function processingSection(phases: PhaseFigures[]): string[] {
  const columns: Array<[string, number]> = [
    ['stored', 8],
    ['backlog', 9],
    ['drain', 10],
    ['processed/s', 13],
    ['messages/s', 12],
    ['lag p50', 10],
    ['lag p99', 10],
  ];
  const rows = phases.map(({ label, drain: d }): [string, string[]] => [
    label,
    [
      f0(d.webhooks),
      f0(d.backlogAtEnd),
      msCell(d.drainMs),
      f1(d.processedPerSec),
      f1(d.messagesPerSec),
      msCell(d.lag.p50),
      msCell(d.lag.p99),
    ],
  ]);
  return ['', ...table('processing after', columns, rows)];
}

function checkSection(k: WebhookFigures['check']): string[] {
  return [
    '',
    `  check: ${f0(k.messagesAcked)} messages acknowledged, ${f0(k.messagesStored)} in the inbox (${k.lost} lost, ` +
      `${k.duplicated} duplicated, ${k.unexpected} unexpected); ${f0(k.deliveriesStored)} bodies stored ` +
      `(${f0(k.deliveriesAcked)} acknowledged), ${k.unprocessed} unprocessed, ${k.processingErrors} failed; ` +
      `${k.contacts} contacts and ${k.threads} threads for ${k.customersWhoWrote} customers; ${k.replies} replies, ` +
      `${k.repliesWithWrongStatus} without their last status; ${k.heldStatuses} statuses held`,
  ];
}

/** `--diagnose` only: PGlite's lock by caller, time inside the gateway, and the ack steps' CPU cost. */
function diagnoseSection(f: WebhookFigures, phases: PhaseFigures[]): string[] {
  const lines: string[] = [];
  for (const p of phases) {
    const lock = p.gateway.lock;
    if (!lock) continue;
    lines.push('', `  PGlite lock during ${p.label}:`);
    for (const [label, s] of Object.entries(lock.statements).sort((a, b) => b[1].count - a[1].count)) {
      lines.push(
        `    ${label.padEnd(30)}${f0(s.count).padStart(7)} × wait p50 ${msCell(s.waitP50)} p99 ${msCell(s.waitP99)} ` +
          `max ${msCell(s.waitMax)}; run p50 ${msCell(s.runP50)} p99 ${msCell(s.runP99)}`,
      );
    }
    const t = lock.transactions;
    lines.push(
      `    ${'store.write transactions'.padEnd(30)}${f0(t.count).padStart(7)} × hold p50 ${msCell(t.holdP50)} ` +
        `p99 ${msCell(t.holdP99)} max ${msCell(t.holdMax)}; ${f0(t.holdTotalMs)} ms held in all`,
    );
  }
  for (const p of phases) {
    const h = p.gateway.handling;
    if (h) {
      lines.push(
        `  ${p.label}: inside the gateway (request parsed → answer sent) p50 ${msCell(h.p50)} p99 ${msCell(h.p99)} ` +
          `max ${msCell(h.max)}; seen by the sender p50 ${msCell(p.latency.p50)} p99 ${msCell(p.latency.p99)}`,
      );
    }
  }
  const o = f.openLoop;
  if (o.gateway.handling) {
    const bySecond = o.perSecond.map((x) => (Number.isFinite(x.p99) ? Math.round(x.p99) : '–'));
    lines.push(`  open loop p99 by second: ${bySecond.join(' ')}`);
  }
  if (f.stepCostsUs) {
    const steps = Object.entries(f.stepCostsUs).map(([step, us]) => `${step} ${us.toFixed(1)}`);
    lines.push('', `  ack steps on one body (gateway process, µs): ${steps.join(', ')}`);
  }
  return lines;
}

export function formatWebhookFigures(f: WebhookFigures): string {
  const phases = [f.openLoop, f.capacity];
  return [
    `  WhatsApp bodies signed with the app secret: ${Math.round((1 - f.statusShare) * 100)}% text messages ` +
      `(${f.bodyBytes.message} B) from ${f.customers} customers, ${Math.round(f.statusShare * 100)}% statuses ` +
      `(${f.bodyBytes.status} B); primed with ${f.primed.threads} conversations and ${f.primed.replies} replies; ` +
      `${f.cores} cores, load average at start ${f.loadAvgAtStart.map((x) => x.toFixed(2)).join(' / ')}`,
    ...latencySection(f.openLoop, phases),
    ...loadSection(phases),
    ...processingSection(phases),
    ...checkSection(f.check),
    ...diagnoseSection(f, phases),
  ].join('\n');
}
