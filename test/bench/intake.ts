// Message intake (issue 18): staff replies POSTed through the HTTP API by 32 concurrent senders, against the same
// writes made straight on PostgreSQL from 32 connections in the same run (a message row, the session's counters, an
// event row per transaction). The senders run in a worker thread, as clients run on other machines: their HTTP work
// is not the backend's, and on one thread with it they took a third of its time. They use node:http, which costs the
// machine less than fetch (on 100,000 sessions: 1,250 replies/s with fetch, 1,280–1,510 with node:http, alternating
// in one sitting). Plain replies are what the raw writes compare with, in rounds; replies that B3's rules flag (a
// phone number in each, so a review-queue item too) are measured apart.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import pg from 'pg';

export type Figure = { name: string; value: number; unit: string; note?: string };

export interface IntakeOptions {
  /** The API's base (`…/api/v1`) and a staff token that may reply. */
  api: string;
  token: string;
  sessionIds: string[];
  senders: number;
  perSender: number;
  /** PostgreSQL (the raw baseline runs there only). */
  databaseUrl?: string | undefined;
  /** Rounds of plain replies, each followed by the raw writes (default 1). */
  rounds?: number;
}

interface SendResult {
  rate: number;
  p50: number;
  p95: number;
  /** Where the machine's CPU went while the replies were sent (Linux only). */
  cpu: CpuShares | null;
}

/** CPU time per message or transaction, in ms, and how many of the machine's cores were busy. */
interface CpuShares {
  /** The senders' thread. */
  senders: number;
  /** The rest of this process: the backend (its main thread, GC, libuv), or the raw writes' pg clients. */
  process: number;
  /** Everything else on the machine: PostgreSQL's processes above all. */
  rest: number;
  busyCores: number;
}

/** The machine's busy CPU time (ms, every core; Linux's /proc/stat), or null elsewhere. */
function machineBusyMs(): number | null {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
    const busy = fields.slice(0, 8).reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
    return (busy * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * Measures `run` (which makes `count` messages or transactions) with its CPU split: the senders' thread (what `run`
 * says it used), the rest of this process, and the rest of the machine.
 */
async function withCpu<T>(
  count: number,
  run: () => Promise<T>,
  sendersMs: (result: T) => number = () => 0,
): Promise<{ result: T; cpu: CpuShares | null }> {
  const busy0 = machineBusyMs();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  const busy1 = machineBusyMs();
  const own = process.cpuUsage(own0);
  if (busy0 === null || busy1 === null) return { result, cpu: null };
  const ownMs = (own.user + own.system) / 1000;
  const senders = sendersMs(result);
  return {
    result,
    cpu: {
      senders: senders / count,
      process: (ownMs - senders) / count,
      rest: Math.max(0, busy1 - busy0 - ownMs) / count,
      busyCores: (busy1 - busy0) / 1000 / seconds,
    },
  };
}

// The senders: `senders` loops, each POSTing `perSender` replies one after another, with an Idempotency-Key each.
const SENDERS = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { api, token, sessionIds, senders, perSender, body } = workerData;
// node:http on kept-alive connections, one per sender: of Node's clients the one that costs this machine least.
const agent = new http.Agent({ keepAlive: true, maxSockets: senders });
const base = new URL(api);
const post = (path, payload) => new Promise((resolve, reject) => {
  const request = http.request({ agent, host: base.hostname, port: base.port, method: 'POST',
    path: base.pathname + path,
    headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload), 'idempotency-key': crypto.randomUUID() } }, (response) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => { text += chunk; });
    response.on('end', () => resolve({ status: response.statusCode, text }));
  });
  request.on('error', reject);
  request.end(payload);
});
(async () => {
  const latencies = [];
  const cpu0 = process.threadCpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: senders }, async (_, s) => {
    for (let i = 0; i < perSender; i++) {
      const k = s * perSender + i;
      const t = performance.now();
      const r = await post('/admin/sessions/' + sessionIds[k % sessionIds.length] + '/messages',
        JSON.stringify({ body: body.replace('{k}', String(k)) }));
      if (r.status !== 201) throw new Error('POST answered ' + r.status + ': ' + r.text);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const cpu = process.threadCpuUsage(cpu0);
  parentPort.postMessage({ cpuMs: (cpu.user + cpu.system) / 1000, rate: (senders * perSender) / seconds,
    p50: latencies[Math.floor(latencies.length / 2)],
    p95: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))] });
})().catch((error) => { throw error; });
`;

async function send(opts: IntakeOptions, body: string): Promise<SendResult> {
  const { api, token, sessionIds, senders, perSender } = opts;
  const worker = new Worker(SENDERS, { eval: true, workerData: { api, token, sessionIds, senders, perSender, body } });
  try {
    const { result, cpu } = await withCpu(
      senders * perSender,
      () =>
        new Promise<Omit<SendResult, 'cpu'> & { cpuMs: number }>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`the senders' worker stopped (${code})`)));
        }),
      (done) => done.cpuMs,
    );
    return { rate: result.rate, p50: result.p50, p95: result.p95, cpu };
  } finally {
    await worker.terminate();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function intakeFigures(opts: IntakeOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const rounds = opts.rounds ?? 1;
  const each = `${opts.senders} concurrent senders × ${opts.perSender}, in a worker thread`;
  // Rounds of plain replies, each followed by the raw writes: what else the machine does (autovacuum, the page
  // cache) weighs on both alike, and the ratio is the median of the rounds' ratios.
  const plain: SendResult[] = [];
  const raw: number[] = [];
  const rawCpu: CpuShares[] = [];
  for (let round = 0; round < rounds; round++) {
    plain.push(await send(opts, 'bench reply {k}: thank you, the order ships tomorrow'));
    const url = opts.databaseUrl;
    if (url) {
      const { result, cpu } = await withCpu(opts.senders * opts.perSender, async () => ({
        rate: await rawWriteRate(url, opts.sessionIds, opts.senders, opts.perSender),
      }));
      raw.push(result.rate);
      if (cpu) rawCpu.push(cpu);
    }
  }
  const over = rounds > 1 ? `median of ${rounds} rounds, ` : '';
  figures.push({
    name: 'message POST throughput',
    value: median(plain.map((r) => r.rate)),
    unit: 'msg/s',
    note: `${over}${each}; goal ≥ 2,000`,
  });
  figures.push({ name: 'message POST latency p50, concurrent', value: median(plain.map((r) => r.p50)), unit: 'ms' });
  figures.push({
    name: `message POST latency p95, ${opts.senders} senders`,
    value: median(plain.map((r) => r.p95)),
    unit: 'ms',
    note: `${over}goal ≤ 50`,
  });
  if (raw.length > 0) {
    figures.push({
      name: '  baseline raw PostgreSQL writes',
      value: median(raw),
      unit: 'tx/s',
      note: `${over}${opts.senders} connections: INSERT message + UPDATE counters + INSERT event, no API`,
    });
    figures.push({
      name: '  ratio ours ÷ raw',
      value: median(plain.map((r, i) => r.rate / (raw[i] as number))),
      unit: '×',
      note: `${rounds > 1 ? `median of the rounds' ratios (${plain.map((r, i) => (r.rate / (raw[i] as number)).toFixed(2)).join(', ')}), ` : ''}goal ≥ 0.5`,
    });
  }
  figures.push(
    ...cpuFigures(
      plain.flatMap((r) => (r.cpu ? [r.cpu] : [])),
      rawCpu,
      over,
    ),
  );
  const flagged = await send(opts, 'bench reply {k}: call me on 0551234567');
  figures.push({
    name: 'message POST throughput, each flagged',
    value: flagged.rate,
    unit: 'msg/s',
    note: 'a phone number in each: B3 flags it, a review-queue item is written with it',
  });
  return figures;
}

/**
 * Where the machine's CPU goes per reply and per raw write (medians over the rounds), beside what the throughput goal
 * allows: the senders, the backend and PostgreSQL share this machine's cores, so 2,000 replies/s needs the three
 * together to spend at most cores ÷ 2,000 per reply.
 */
function cpuFigures(plain: CpuShares[], raw: CpuShares[], over: string): Figure[] {
  if (plain.length === 0) return [];
  const cores = availableParallelism();
  const of = (shares: CpuShares[], pick: (c: CpuShares) => number) => median(shares.map(pick));
  const total = (c: CpuShares) => c.senders + c.process + c.rest;
  const figures: Figure[] = [
    {
      name: 'CPU per reply, machine-wide',
      value: of(plain, total),
      unit: 'ms',
      note:
        `${over}PostgreSQL and the rest ${of(plain, (c) => c.rest).toFixed(2)}, backend ${of(plain, (c) => c.process).toFixed(2)}, ` +
        `senders ${of(plain, (c) => c.senders).toFixed(2)}; ${of(plain, (c) => c.busyCores).toFixed(2)} of ${cores} cores busy; ` +
        `2,000/s allows ${((cores * 1000) / 2000).toFixed(2)}`,
    },
  ];
  if (raw.length > 0) {
    figures.push({
      name: '  CPU per raw write, machine-wide',
      value: of(raw, total),
      unit: 'ms',
      note:
        `${over}PostgreSQL and the rest ${of(raw, (c) => c.rest).toFixed(2)}, pg clients ${of(raw, (c) => c.process).toFixed(2)}; ` +
        `${of(raw, (c) => c.busyCores).toFixed(2)} of ${cores} cores busy`,
    });
  }
  return figures;
}

/**
 * The write a message POST makes, straight on PostgreSQL without the API: a staff message, the session's counters and
 * last-message time, one event row as the feed appends it (unnumbered, with an order key) in a table shaped like
 * the feed's; committed transactions per second.
 */
async function rawWriteRate(
  url: string,
  sessionIds: string[],
  connections: number,
  perConnection: number,
): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const staffId = '00000000-0000-4000-8000-00000000b0b0';
  // The events go to a table shaped like the feed's (same columns and indexes), so no feed reader sees them.
  await clients[0]?.query('CREATE TABLE IF NOT EXISTS bench_events (LIKE events INCLUDING ALL)');
  try {
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (client, c) => {
        for (let i = 0; i < perConnection; i++) {
          const sessionId = sessionIds[(c * perConnection + i) % sessionIds.length] as string;
          await client.query('BEGIN');
          // A failed statement rolls back here, so the error thrown is the statement's, not a later "aborted".
          await rawWrite(client, sessionId, staffId).catch(async (error: unknown) => {
            await client.query('ROLLBACK');
            throw error;
          });
          await client.query('COMMIT');
        }
      }),
    );
    return (connections * perConnection) / ((performance.now() - t0) / 1000);
  } finally {
    await clients[0]?.query('TRUNCATE bench_events');
    await Promise.all(clients.map((client) => client.end()));
  }
}

async function rawWrite(client: pg.Client, sessionId: string, staffId: string): Promise<void> {
  await client.query(
    `INSERT INTO chat_messages (session_id, sender_role, sender_id, sender_name, body, search_text, created_at)
     VALUES ($1, 'staff', $2, 'Bench', 'raw write', 'raw write', clock_timestamp())`,
    [sessionId, staffId],
  );
  const { rows } = await client.query(
    `UPDATE chat_sessions SET messages_count = messages_count + 1, last_message_at = now(), updated_at = now()
      WHERE id = $1 RETURNING id, messages_count`,
    [sessionId],
  );
  await client.query(
    `INSERT INTO bench_events (seq, order_key, type, at, actor, payload)
     VALUES (NULL, nextval('events_order_key_seq'), 'bench.raw', now(), '{}', $1)`,
    [JSON.stringify(rows[0])],
  );
}
