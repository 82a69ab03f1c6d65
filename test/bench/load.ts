// Live fan-out under load (issue 18): two backend instances (separate processes) on one PostgreSQL database, desk-like
// feed sockets spread over both, and participants sending messages at a set rate. For each rate it prints what was
// sent and delivered per second, the latency from a participant's POST to the event at a desk (p50/p95/p99, measured
// on a few sockets of each instance), gaps and duplicates over every socket, how long the desks took to catch up once
// sending stopped, and each process's memory at the start and the end. Then the feed alone, past what intake can send
// (events appended straight to the database), to every socket and to four: where delivery gives out, and whether it
// is NOTIFY and the hubs' reads or the frames written to sockets.
//   npm run bench -- --only load            200 sockets; 1,000 msg/s for 60 s, a ramp, then 1,000–10,000 events/s
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { resolve } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { pgDb } from '../../src/server/db/pg.ts';
import { appendEvents, type NewEvent, numberEvents, systemActor } from '../../src/server/feed.ts';

export type Figure = { name: string; value: number; unit: string; note?: string };

const root = resolve(import.meta.dirname, '../..');
const PASSWORD = 'load-password';

export interface LoadOptions {
  databaseUrl?: string;
  sockets: number;
  /** The main step: messages per second, for `seconds`. */
  rate: number;
  seconds: number;
  /** More rates, `rampSeconds` each, to find where delivery stops keeping up. */
  ramp: number[];
  rampSeconds: number;
  /**
   * The fan-out alone, past what intake can send: events appended straight to the database at these rates (events/s),
   * `feedSeconds` each, numbered by the sequencer and delivered by the instances' hubs to every socket, then to a
   * few sockets only (which leaves NOTIFY, the sequencer and the hubs' reads as the work).
   */
  feedRates: number[];
  feedSeconds: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};

interface Instance {
  url: string;
  child: ChildProcess;
  rssMb(): Promise<number>;
  /** The process's CPU time so far (user + system), ms. */
  cpuMs(): Promise<number>;
}

/** A backend instance in its own process; answers its memory on request. */
async function startInstance(databaseUrl: string, demo: boolean): Promise<Instance> {
  const code = `
    const { startServer } = await import(${JSON.stringify(`${root}/src/server/app.ts`)});
    const server = await startServer({ databaseUrl: ${JSON.stringify(databaseUrl)}, demo: ${demo},
      demoPassword: ${JSON.stringify(PASSWORD)}, passwordCost: 10, loginRateLimit: 100000, poolSize: 20,
      logger: 'silent', cleanup: { intervalMs: 0 } });
    process.send({ url: server.url });
    process.on('message', (m) => {
      if (m === 'rss') process.send({ rss: process.memoryUsage().rss });
      if (m === 'cpu') { const u = process.cpuUsage(); process.send({ cpu: (u.user + u.system) / 1000 }); }
    });
    process.on('disconnect', async () => { await server.close(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onMessage = (m: { url?: string }) => {
      if (m.url) {
        child.off('message', onMessage);
        resolveUrl(m.url);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (exitCode) => reject(new Error(`backend process exited (${exitCode})`)));
  });
  const rssMb = () =>
    new Promise<number>((resolveRss) => {
      const onMessage = (m: { rss?: number }) => {
        if (m.rss !== undefined) {
          child.off('message', onMessage);
          resolveRss(m.rss / 1024 / 1024);
        }
      };
      child.on('message', onMessage);
      child.send('rss');
    });
  const cpuMs = () =>
    new Promise<number>((resolveCpu) => {
      const onMessage = (m: { cpu?: number }) => {
        if (m.cpu !== undefined) {
          child.off('message', onMessage);
          resolveCpu(m.cpu);
        }
      };
      child.on('message', onMessage);
      child.send('cpu');
    });
  return { url, child, rssMb, cpuMs };
}

// The participants' POSTs go through node:http on kept-alive connections: of Node's clients the one that costs the
// machine the backends run on least (fetch took a fifth of the intake bench's replies/s).
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs JSON with a bearer token; answers the status once the answer has been read. */
function post(url: string, token: string, body: unknown): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolveStatus, reject) => {
    const request = http.request(
      url,
      {
        agent,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolveStatus(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function json<T>(url: string, method: string, body?: unknown, token?: string): Promise<T> {
  const r = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** A desk-like follower: checks every seq comes once and in order; on some, when each message arrives. */
interface Follower {
  lastSeq: number;
  gaps: number;
  duplicates: number;
  arrivals: Map<number, number> | null;
  socket: WebSocket;
}

function follow(url: string, token: string, after: number, timed: boolean): Promise<Follower> {
  const f: Follower = {
    lastSeq: after,
    gaps: 0,
    duplicates: 0,
    arrivals: timed ? new Map() : null,
    socket: new WebSocket(`${url.replace('http', 'ws')}/api/v1/admin/events?after=${after}`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  };
  // The frame's own seq is the first "seq" in it (the event's fields come before it, and none of them has one).
  const seqOf = /"seq":(\d+)/;
  const loadMark = /"body":"load (\d+)"/;
  f.socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{"kind":"heartbeat"')) return;
    const seq = Number(seqOf.exec(text)?.[1]);
    if (seq <= f.lastSeq) f.duplicates++;
    else {
      if (seq !== f.lastSeq + 1) f.gaps++;
      f.lastSeq = seq;
    }
    if (f.arrivals) {
      const mark = loadMark.exec(text);
      if (mark && text.includes('"type":"message.created"')) f.arrivals.set(Number(mark[1]), performance.now());
    }
  });
  return new Promise((resolveOpen, reject) => {
    f.socket.once('open', () => resolveOpen(f));
    f.socket.once('error', reject);
  });
}

export async function runLoadBench(opts: LoadOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const adminUrl = opts.databaseUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `chatdesk_load_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${name}`;
  const instances: Instance[] = [];
  const followers: Follower[] = [];
  try {
    instances.push(await startInstance(dbUrl.toString(), true));
    instances.push(await startInstance(dbUrl.toString(), false));
    const [one, two] = instances as [Instance, Instance];
    const startRss = await Promise.all(instances.map((i) => i.rssMb()));
    const staff = (
      await json<{ token: string }>(`${one.url}/api/v1/auth/login`, 'POST', {
        email: 'admin@demo.chatdesk',
        password: PASSWORD,
      })
    ).token;
    // Participants: the demo customers, writing in their sessions.
    const senders: Array<{ token: string; sessionId: string }> = [];
    for (let n = 1; n <= 40; n++) {
      const url = n % 2 ? one.url : two.url;
      const token = (
        await json<{ token: string }>(`${url}/api/v1/auth/participant/login`, 'POST', {
          email: `customer${n}@demo.chatdesk`,
          password: PASSWORD,
        })
      ).token;
      // Each of their sessions, so the writes spread over many rows as a marketplace's do.
      const mine = await json<{ items: Array<{ id: string }> }>(
        `${url}/api/v1/me/sessions?limit=20`,
        'GET',
        undefined,
        token,
      );
      for (const session of mine.items) senders.push({ token, sessionId: session.id });
    }
    if (senders.length === 0) throw new Error('no participant sessions to write in');
    // Every socket starts at the feed's head, as a desk that has synced.
    const feedHead = await (async () => {
      const c = new pg.Client({ connectionString: dbUrl.toString() });
      await c.connect();
      const r = await c.query<{ s: string }>('SELECT last_seq AS s FROM feed_state');
      await c.end();
      return Number(r.rows[0]?.s ?? 0);
    })();
    const timedPerInstance = Math.min(2, Math.ceil(opts.sockets / 2));
    for (let i = 0; i < opts.sockets; i++) {
      const instance = i % 2 ? two : one;
      followers.push(await follow(instance.url, staff, feedHead, Math.floor(i / 2) < timedPerInstance));
    }

    let messageId = 0;
    const sentAt = new Map<number, number>();
    const steps = [
      { rate: opts.rate, seconds: opts.seconds },
      ...opts.ramp.map((rate) => ({ rate, seconds: opts.rampSeconds })),
    ];
    for (const step of steps) {
      const first = messageId + 1;
      let sent = 0;
      let failed = 0;
      const answered: number[] = [];
      const inFlight = new Set<Promise<void>>();
      const t0 = performance.now();
      const end = t0 + step.seconds * 1000;
      // Paced: message k leaves at t0 + k / rate (later when 512 are already in flight: the backend is behind).
      for (let k = 0; performance.now() < end; k++) {
        const due = t0 + (k * 1000) / step.rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        while (inFlight.size >= 512) await Promise.race(inFlight);
        const id = ++messageId;
        const sender = senders[id % senders.length] as { token: string; sessionId: string };
        const url = id % 2 ? one.url : two.url;
        sentAt.set(id, performance.now());
        const left = performance.now();
        const p = post(`${url}/api/v1/me/sessions/${sender.sessionId}/messages`, sender.token, { body: `load ${id}` })
          .then((status) => {
            answered.push(performance.now() - left);
            if (status === 201) sent++;
            else failed++;
          })
          .catch(() => {
            failed++;
          })
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await Promise.all(inFlight);
      const sendSeconds = (performance.now() - t0) / 1000;
      // Caught up: every socket at the feed's head.
      const c = new pg.Client({ connectionString: dbUrl.toString() });
      await c.connect();
      const last = Number((await c.query<{ s: string }>('SELECT last_seq AS s FROM feed_state')).rows[0]?.s);
      await c.end();
      const drainMs = await drained(followers, last);
      const latencies = arrivalLatencies(followers, first, messageId, sentAt);
      const label = `${step.rate.toLocaleString('en-US')} msg/s asked, ${step.seconds} s`;
      figures.push({
        name: `[${label}] sent`,
        value: sent / sendSeconds,
        unit: 'msg/s',
        note: `${sent.toLocaleString('en-US')} accepted, ${failed} refused or failed`,
      });
      figures.push({
        name: `[${label}] POST answered p95`,
        value: pct(answered, 0.95),
        unit: 'ms',
        note: `p50 ${pct(answered, 0.5).toFixed(1)} ms`,
      });
      figures.push({ name: `[${label}] POST → desk p50`, value: pct(latencies, 0.5), unit: 'ms' });
      figures.push({ name: `[${label}] POST → desk p95`, value: pct(latencies, 0.95), unit: 'ms' });
      figures.push({ name: `[${label}] POST → desk p99`, value: pct(latencies, 0.99), unit: 'ms' });
      figures.push({
        name: `[${label}] desks caught up after sending stopped`,
        value: drainMs,
        unit: 'ms',
        note: `${followers.length} sockets at seq ${last.toLocaleString('en-US')}`,
      });
    }
    figures.push(...(await feedOnly(opts, dbUrl.toString(), followers, instances)));
    figures.push({
      name: 'gaps over every socket',
      value: followers.reduce((n, f) => n + f.gaps, 0),
      unit: 'gaps',
      note: 'goal 0',
    });
    figures.push({
      name: 'duplicates over every socket',
      value: followers.reduce((n, f) => n + f.duplicates, 0),
      unit: 'events',
      note: 'goal 0',
    });
    const endRss = await Promise.all(instances.map((i) => i.rssMb()));
    instances.forEach((_, i) => {
      figures.push({
        name: `backend instance ${i + 1} memory`,
        value: endRss[i] ?? Number.NaN,
        unit: 'MB',
        note: `RSS at the end; ${(startRss[i] ?? 0).toFixed(0)} MB at the start`,
      });
    });
    figures.push({
      name: 'desks process memory',
      value: process.memoryUsage().rss / 1024 / 1024,
      unit: 'MB',
      note: `RSS at the end, ${followers.length} sockets and the senders`,
    });
  } finally {
    agent.destroy();
    for (const f of followers) f.socket.terminate();
    for (const i of instances) {
      const exited = new Promise((r) => i.child.once('exit', r));
      i.child.disconnect();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      i.child.kill('SIGKILL');
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  return figures;
}

/** From when each marked message from `first` to `last` left (`leftAt`) to when it reached each timed socket, ms. */
function arrivalLatencies(followers: Follower[], first: number, last: number, leftAt: Map<number, number>): number[] {
  const latencies: number[] = [];
  for (const f of followers) {
    if (!f.arrivals) continue;
    for (let n = first; n <= last; n++) {
      const arrived = f.arrivals.get(n);
      const left = leftAt.get(n);
      if (arrived !== undefined && left !== undefined) latencies.push(arrived - left);
    }
  }
  return latencies;
}

/** When each socket has reached `last` (or a minute went by): how long that took. */
async function drained(followers: Follower[], last: number): Promise<number> {
  const t = performance.now();
  while (followers.some((f) => f.lastSeq < last) && performance.now() - t < 60_000) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t;
}

/**
 * The fan-out without intake in front of it (LoadOptions.feedRates): each 20 ms, the events due are appended in one
 * transaction (each a copy of a real `message.created` event, marked with its number) and numbered at once; the
 * latency is from the numbering's answer (its NOTIFY sent) to the event at a timed socket. First over every socket,
 * then over four (the others closed), so what the sockets cost is told apart from NOTIFY and the hubs' reads.
 */
async function feedOnly(
  opts: LoadOptions,
  dbUrl: string,
  followers: Follower[],
  instances: Instance[],
): Promise<Figure[]> {
  const figures: Figure[] = [];
  if (opts.feedRates.length === 0) return figures;
  const db = pgDb(dbUrl, { max: 2 });
  try {
    const { rows } = await db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM events WHERE type = 'message.created' ORDER BY seq DESC LIMIT 1`,
    );
    const { seq: _seq, at: _at, actor: _actor, ...template } = rows[0]?.payload ?? {};
    if (!template.message) throw new Error('no message.created event to copy');
    const message = template.message as Record<string, unknown>;
    let id = 10_000_000;
    let live = followers;
    for (const pass of ['every socket', 'four sockets'] as const) {
      if (pass === 'four sockets') {
        // Two timed sockets of each instance stay; the rest close.
        live = followers.filter((f) => f.arrivals).slice(0, 4);
        for (const f of followers) if (!live.includes(f)) f.socket.terminate();
      }
      for (const rate of opts.feedRates) {
        const first = id + 1;
        const numberedAt = new Map<number, number>();
        // Where the machine's time goes: the instances (hubs, sockets) and this process (the desks' sockets, the
        // appending).
        const cpu0 = await Promise.all(instances.map((i) => i.cpuMs()));
        const desks0 = process.cpuUsage();
        const t0 = performance.now();
        const end = t0 + opts.feedSeconds * 1000;
        let appended = 0;
        while (performance.now() < end) {
          const due = Math.floor(((performance.now() - t0) / 1000) * rate) - appended;
          if (due > 0) {
            const ids = Array.from({ length: due }, () => ++id);
            const events = ids.map(
              (n) => ({ ...template, message: { ...message, body: `load ${n}` } }) as unknown as NewEvent,
            );
            await db.transaction((tx) => appendEvents(tx, systemActor, events));
            await numberEvents(db);
            const now = performance.now();
            for (const n of ids) numberedAt.set(n, now);
            appended += due;
          }
          await new Promise((r) => setTimeout(r, 20));
        }
        const seconds = (performance.now() - t0) / 1000;
        while ((await numberEvents(db)).more) {}
        const last = Number((await db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state')).rows[0]?.s);
        const drainMs = await drained(live, last);
        const wall = performance.now() - t0;
        const cpu1 = await Promise.all(instances.map((i) => i.cpuMs()));
        const desks = process.cpuUsage(desks0);
        const share = (ms: number) => `${((ms / wall) * 100).toFixed(0)}%`;
        const latencies = arrivalLatencies(live, first, id, numberedAt);
        const label = `feed alone, ${rate.toLocaleString('en-US')} events/s, ${pass}`;
        figures.push({
          name: `[${label}] appended`,
          value: appended / seconds,
          unit: 'events/s',
          note: `${appended.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s`,
        });
        figures.push({
          name: `[${label}] numbered → desk p50`,
          value: pct(latencies, 0.5),
          unit: 'ms',
          note: `p95 ${pct(latencies, 0.95).toFixed(1)}, p99 ${pct(latencies, 0.99).toFixed(1)} ms`,
        });
        figures.push({
          name: `[${label}] desks caught up after appending stopped`,
          value: drainMs,
          unit: 'ms',
          note: `${live.length} sockets at seq ${last.toLocaleString('en-US')}; CPU of one core: instances ${cpu1
            .map((c, i) => share(c - (cpu0[i] ?? 0)))
            .join(' and ')}, the desks' process ${share((desks.user + desks.system) / 1000)}`,
        });
      }
    }
  } finally {
    await db.close();
  }
  return figures;
}
