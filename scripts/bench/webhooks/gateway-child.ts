// The gateway process (started by gateway-process.ts, never run by hand): the real gateway (startGateway), plus
// the measurements only this process can make of itself: its CPU time, event loop, and the `--diagnose` wrappers.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startGateway } from '../../../src/gateway';
import { instrumentPglite, stepCosts, timeRequestHandling } from './diagnose';
import {
  CHILD_CONFIG_ENV,
  type ChildConfig,
  type ChildPhase,
  type ChildReply,
  type ChildRequest,
} from './gateway-process';

async function runGatewayChild(): Promise<void> {
  const config = JSON.parse(process.env[CHILD_CONFIG_ENV] ?? '{}') as ChildConfig;
  // Instrument before the gateway starts, so that every statement and request goes through the wrappers.
  const lock = config.diagnose ? instrumentPglite() : null;
  const handling = config.diagnose ? timeRequestHandling() : null;
  let logLines = 0;
  const logSamples: string[] = [];
  const gateway = await startGateway({
    dataDir: config.dataDir,
    port: 0,
    demo: false,
    simulate: false,
    adminToken: config.adminToken,
    channels: config.channels,
    log: (line) => {
      logLines += 1;
      if (logSamples.length < 20) logSamples.push(line);
    },
  });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let cpuAt = process.cpuUsage();
  let wallAt = performance.now();

  const answer = async (op: ChildRequest['op'], arg: unknown): Promise<unknown> => {
    switch (op) {
      case 'phase-start':
        delay.reset();
        delay.enable();
        lock?.reset();
        handling?.reset();
        cpuAt = process.cpuUsage();
        wallAt = performance.now();
        return null;
      case 'phase-end': {
        delay.disable();
        const cpu = process.cpuUsage(cpuAt);
        return {
          cpuMs: (cpu.user + cpu.system) / 1000,
          wallMs: performance.now() - wallAt,
          eventLoopDelay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
          lock: lock?.figures(),
          handling: handling?.figures(),
        } satisfies ChildPhase;
      }
      case 'logs':
        return { lines: logLines, samples: logSamples };
      case 'idle':
        await gateway.channels.idle();
        return Date.now();
      case 'step-costs':
        return stepCosts(Buffer.from(arg as string));
      case 'close':
        await gateway.close();
        setImmediate(() => process.exit(0));
        return null;
    }
  };

  const send = (reply: ChildReply) => process.send?.(reply);
  process.on('message', (raw) => {
    const { id, op, arg } = raw as ChildRequest;
    void answer(op, arg).then(
      (value) => send({ id, ok: true, value }),
      (error: unknown) => send({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.send?.({ ready: gateway.url });
}

runGatewayChild().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
