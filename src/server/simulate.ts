// `npm run simulate`: customers and sellers of the demo marketplace talking through the participant API (F11), so
// the desk has live traffic to show. Customers open sessions about products and ask; sellers read and answer.
//   npm run simulate -- --url http://127.0.0.1:4000 --rate 2 --duration 60 --customers 10
// `--turns N` stops after N messages instead of (or before) the duration ends.
import { parseArgs } from 'node:util';
import type { Message, Product, Session } from '../shared/domain.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.CHATDESK_BACKEND_URL ?? 'http://127.0.0.1:4000' },
    rate: { type: 'string', default: '1' },
    duration: { type: 'string', default: '0' },
    turns: { type: 'string', default: '0' },
    customers: { type: 'string', default: '10' },
    sellers: { type: 'string', default: '20' },
    password: { type: 'string', default: process.env.CHATDESK_DEMO_PASSWORD ?? 'demo-password' },
    seed: { type: 'string', default: '7' },
    quiet: { type: 'boolean', default: false },
  },
});

const rate = Number(values.rate);
const duration = Number(values.duration);
const turns = Number(values.turns);
if (!(rate > 0 && rate <= 1000) || !(duration >= 0) || !(Number.isInteger(turns) && turns >= 0)) {
  console.error(
    '--rate must be 0 < rate <= 1000 (messages per second), --duration seconds (0 = until stopped), ' +
      '--turns a whole number of messages (0 = no limit)',
  );
  process.exit(2);
}
const api = `${values.url.replace(/\/$/, '')}/api/v1`;

let seed = Number(values.seed) >>> 0;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 4294967296;
};
const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];

const QUESTIONS = [
  'هل المنتج متوفر؟',
  'Is this available in blue?',
  'كم سعر الشحن؟',
  'When can you deliver?',
  'هل يوجد ضمان؟',
  'Can I return it if it does not fit?',
  'ممكن صور إضافية؟',
  'Is the price final?',
];
const ANSWERS = [
  'نعم متوفر',
  'Yes, ships tomorrow.',
  'الشحن مجاني',
  'Delivery takes 2–3 days.',
  'ضمان سنة',
  'Returns are free within 14 days.',
  'أرسلت الصور في الإعلان',
  'We can do 5% off.',
];

class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

async function call<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'idempotency-key': crypto.randomUUID() } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json()) as T & { error?: { code: string; message: string } };
  if (!response.ok)
    throw new ApiError(json.error?.code ?? String(response.status), json.error?.message ?? response.statusText);
  return json;
}

async function signIn(email: string): Promise<string> {
  return (await call<{ token: string }>(null, 'POST', '/auth/participant/login', { email, password: values.password }))
    .token;
}

const stats = { customerMessages: 0, sellerMessages: 0, sessionsOpened: 0, reads: 0, refused: 0, errors: 0 };

async function main(): Promise<void> {
  const customers = await Promise.all(
    Array.from({ length: Number(values.customers) }, (_, i) => signIn(`customer${i + 1}@demo.chatdesk`)),
  );
  const sellers = await Promise.all(
    Array.from({ length: Number(values.sellers) }, (_, i) => signIn(`seller${i + 1}@demo.chatdesk`).catch(() => null)),
  );
  const sellerTokens = sellers.filter((t): t is string => t !== null);
  const products = (await call<{ items: Product[] }>(customers[0] ?? null, 'GET', '/me/products?limit=500')).items;
  console.log(
    `simulating ${customers.length} customers and ${sellerTokens.length} sellers at ${rate} msg/s on ${api}` +
      (duration ? ` for ${duration} s` : ' until stopped (Ctrl+C)'),
  );

  const customerTurn = async () => {
    const token = pick(customers) as string;
    const mine = (await call<{ items: Session[] }>(token, 'GET', '/me/sessions?limit=20')).items;
    let session = random() < 0.2 || mine.length === 0 ? undefined : pick(mine);
    if (!session) {
      const product = pick(products);
      if (!product) return;
      session = await call<Session>(token, 'POST', '/me/sessions', { productId: product.id });
      stats.sessionsOpened++;
    }
    await call<Message>(token, 'POST', `/me/sessions/${session.id}/messages`, { body: pick(QUESTIONS) });
    stats.customerMessages++;
  };
  const sellerTurn = async () => {
    const token = pick(sellerTokens);
    if (!token) return customerTurn();
    const inbox = (await call<{ items: Session[] }>(token, 'GET', '/me/sessions?limit=50')).items;
    const waiting = inbox.filter((s) => s.unreadCount > 0);
    const session = pick(waiting.length ? waiting : inbox);
    if (!session) return customerTurn();
    if (random() < 0.7) {
      await call(token, 'POST', `/me/sessions/${session.id}/read`);
      stats.reads++;
    }
    await call<Message>(token, 'POST', `/me/sessions/${session.id}/messages`, { body: pick(ANSWERS) });
    stats.sellerMessages++;
  };

  const started = Date.now();
  let stop = false;
  process.on('SIGINT', () => (stop = true));
  process.on('SIGTERM', () => (stop = true));
  const interval = 1000 / rate;
  let next = Date.now();
  let lastReport = Date.now();
  let taken = 0;
  const inFlight = new Set<Promise<void>>();
  while (!stop && (!duration || Date.now() - started < duration * 1000) && (!turns || taken < turns)) {
    next += interval;
    taken += 1;
    const turn = random() < 0.55 ? customerTurn : sellerTurn;
    const running = turn().catch((error) => {
      if (error instanceof ApiError && error.code === 'chat_disabled') stats.refused++;
      else {
        stats.errors++;
        if (!values.quiet) console.error(`  ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
    if (!values.quiet && Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      console.log(`  ${JSON.stringify(stats)}`);
    }
    const wait = next - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  // The totals printed count every message sent, the slow ones included.
  await Promise.all(inFlight);
  console.log(`done: ${JSON.stringify(stats)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`simulate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
