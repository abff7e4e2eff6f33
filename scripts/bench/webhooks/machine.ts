// What else was happening on the machine during a phase. Sender and gateway share its cores with anything else
// running, so a slow phase is only meaningful next to how busy the machine and the sender were. Linux only: on other
// systems the figures read null.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface MachineFigures {
  /** Share of all cores busy (every process on the machine, this bench included), from /proc/stat. */
  busyShare: number | null;
  /** Share of the time some runnable task waited for a CPU (/proc/pressure/cpu "some"): contention. */
  cpuPressure: number | null;
  /** The sending process: CPU time / wall time, and how late its timers ran (p99, ms). */
  senderCpuShare: number;
  senderLoopDelayP99: number;
  /**
   * TCP counters of the network namespace (/proc/net/netstat) over the phase: connections dropped because the
   * listening socket's accept queue was full, and SYNs sent again (a dropped connection is retried after 1, 3, 7 s).
   */
  listenOverflows: number | null;
  synRetransmits: number | null;
}

/** Cumulative counters at one instant; a phase's figures are the difference of two samples. */
interface MachineSample {
  at: number;
  tcp: Record<string, number>;
  busy: number | null;
  total: number | null;
  pressureUs: number | null;
  cpu: NodeJS.CpuUsage;
}

/** All cores' jiffies from the first line of /proc/stat; idle and iowait are the not-busy ones. */
function readCpuTimes(): { busy: number; total: number } | null {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
  } catch {
    return null; // not Linux
  }
}

/** Microseconds some task has waited for a CPU since boot (pressure stall information). */
function readCpuPressureUs(): number | null {
  try {
    const some = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return some ? Number(some[1]) : null;
  } catch {
    return null; // no PSI
  }
}

/** /proc/net/netstat comes in pairs of lines: the counters' names, then their values. */
function readTcpCounters(): Record<string, number> {
  const tcp: Record<string, number> = {};
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const names = (lines[i] ?? '').split(/\s+/);
      const values = (lines[i + 1] ?? '').split(/\s+/);
      names.forEach((name, j) => {
        if (j > 0) tcp[name] = Number(values[j]);
      });
    }
  } catch {
    // not Linux
  }
  return tcp;
}

function readMachine(): MachineSample {
  const times = readCpuTimes();
  const pressureUs = readCpuPressureUs();
  const tcp = readTcpCounters();
  return {
    at: performance.now(),
    tcp,
    busy: times?.busy ?? null,
    total: times?.total ?? null,
    pressureUs,
    cpu: process.cpuUsage(),
  };
}

function tcpDelta(first: MachineSample, last: MachineSample, name: string): number | null {
  const a = first.tcp[name];
  const b = last.tcp[name];
  return a === undefined || b === undefined ? null : b - a;
}

/** Watches the machine and this (sending) process over one phase; call the result when the phase ends. */
export function watchMachine(): () => MachineFigures {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const first = readMachine();
  return () => {
    const last = readMachine();
    delay.disable();
    const wallMs = last.at - first.at;
    const cpu = process.cpuUsage(first.cpu);
    return {
      busyShare:
        first.busy !== null && last.busy !== null && first.total !== null && last.total !== null
          ? (last.busy - first.busy) / Math.max(1, last.total - first.total)
          : null,
      cpuPressure:
        first.pressureUs !== null && last.pressureUs !== null
          ? (last.pressureUs - first.pressureUs) / 1000 / wallMs
          : null,
      senderCpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
      senderLoopDelayP99: delay.percentile(99) / 1e6,
      listenOverflows: tcpDelta(first, last, 'ListenOverflows'),
      synRetransmits: tcpDelta(first, last, 'TCPSynRetrans'),
    };
  };
}
