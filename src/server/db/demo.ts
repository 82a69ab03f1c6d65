// Demo mode: fills an EMPTY database with a small, realistic, deterministic marketplace (Arabic and English names,
// products, orders, sessions, messages, some unread, some flagged) and the four staff accounts. The same seed
// gives the same ids and texts on every run; times are laid out backwards from now over the last 30 days.
import { foldArabic } from '../../shared/arabicFold.ts';
import type { StaffRole } from '../../shared/domain.ts';
import { sessionSearchText, userSearchText } from '../../shared/search.ts';
import { hashPassword } from '../auth.ts';
import { moderationFlags } from '../moderation.ts';
import { FILL_MODERATION_QUEUE_SQL } from '../store/moderation.ts';
import { FILL_FIRST_RESPONSE_SQL } from '../store/sessionWorkflow.ts';
import type { Db, Queryable } from './db.ts';
import {
  AR_FIRST,
  AR_LAST,
  COLOURS,
  CUSTOMER_OPENERS,
  EN_FIRST,
  EN_LAST,
  FOLLOW_UPS,
  OFF_PLATFORM,
  PRODUCTS,
  SELLER_FOLLOW,
  SELLER_REPLIES,
  STAFF_NOTES,
  STORES,
} from './demoTexts.ts';

export interface DemoOptions {
  password: string;
  /** scrypt cost of the accounts' password hash (log2 N; default: auth.ts's production cost). */
  passwordCost?: number | undefined;
  seed?: number;
  sellers?: number;
  customers?: number;
  products?: number;
  sessions?: number;
  /** Average messages per session. */
  messagesPerSession?: number;
  now?: Date;
}

export const DEMO_STAFF: ReadonlyArray<{ name: string; email: string; role: StaffRole }> = [
  { name: 'Amal Admin', email: 'admin@demo.chatdesk', role: 'admin' },
  { name: 'مازن المدير', email: 'manager@demo.chatdesk', role: 'manager' },
  { name: 'Mona Moderator', email: 'moderator@demo.chatdesk', role: 'moderator' },
  { name: 'عادل الدعم', email: 'agent@demo.chatdesk', role: 'agent' },
];

/** Small fast PRNG (mulberry32): the demo must be the same on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
      hex[12] = '4';
      hex[16] = (8 + Math.floor(next() * 4)).toString(16);
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}

export async function isEmpty(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM staff) AND NOT EXISTS (SELECT 1 FROM users) AS empty',
  );
  return rows[0]?.empty ?? false;
}

/** Seeds the demo; returns the staff accounts it made, or null when the database was not empty. */
export async function seedDemo(
  db: Db,
  options: DemoOptions,
): Promise<{ staff: Array<{ email: string; role: string }> } | null> {
  if (!(await isEmpty(db))) return null;
  const r = prng(options.seed ?? 20261124);
  const now = (options.now ?? new Date()).getTime();
  const counts = {
    sellers: options.sellers ?? 20,
    customers: options.customers ?? 60,
    products: options.products ?? 80,
    sessions: options.sessions ?? 150,
    perSession: options.messagesPerSession ?? 13,
  };
  // One hash for every demo account: scrypt is slow on purpose, and they all share the demo password anyway.
  const passwordHash = await hashPassword(options.password, options.passwordCost);

  const staff = DEMO_STAFF.map((s) => ({ ...s, id: r.uuid() }));
  const sellers = Array.from({ length: counts.sellers }, (_, i) => ({
    id: r.uuid(),
    name: STORES[i % STORES.length] + (i >= STORES.length ? ` ${i + 1}` : ''),
    email: `seller${i + 1}@demo.chatdesk`,
    role: 'seller' as const,
    createdAt: new Date(now - (400 - i) * 86_400_000).toISOString(),
  }));
  const customers = Array.from({ length: counts.customers }, (_, i) => {
    const arabic = i % 2 === 0;
    const name = arabic ? `${r.pick(AR_FIRST)} ${r.pick(AR_LAST)}` : `${r.pick(EN_FIRST)} ${r.pick(EN_LAST)}`;
    return {
      id: r.uuid(),
      name,
      email: `customer${i + 1}@demo.chatdesk`,
      role: 'customer' as const,
      createdAt: new Date(now - (300 - i * 3) * 86_400_000).toISOString(),
    };
  });
  const products = Array.from({ length: counts.products }, (_, i) => {
    const seller = sellers[i % sellers.length] as (typeof sellers)[number];
    return {
      id: r.uuid(),
      name:
        (PRODUCTS[i % PRODUCTS.length] as string) +
        (COLOURS[Math.floor(i / PRODUCTS.length) % COLOURS.length] as string),
      sellerId: seller.id,
      price: Math.round((20 + r.next() * 1980) * 100) / 100,
      currency: 'SAR',
      createdAt: new Date(now - (200 - (i % 150)) * 86_400_000).toISOString(),
    };
  });
  const statuses = ['pending', 'paid', 'shipped', 'delivered', 'delivered', 'delivered', 'cancelled'] as const;
  const orders: Array<{
    id: string;
    customerId: string;
    productId: string;
    status: string;
    quantity: number;
    total: number;
    createdAt: string;
  }> = [];

  type Msg = {
    id: string;
    sessionId: string;
    role: string;
    senderId: string;
    senderName: string;
    body: string;
    flags: string[];
    readAt: string | null;
    createdAt: string;
  };
  const sessions: Array<{
    id: string;
    product: (typeof products)[number];
    customer: (typeof customers)[number];
    seller: (typeof sellers)[number];
    createdAt: string;
    last: number;
    count: number;
    unread: number;
    flagged: number;
  }> = [];
  const messages: Msg[] = [];
  for (let i = 0; i < counts.sessions; i++) {
    const product = r.pick(products);
    const customer = customers[(i * 7) % customers.length] as (typeof customers)[number];
    const seller = sellers.find((s) => s.id === product.sellerId) as (typeof sellers)[number];
    const id = r.uuid();
    // last activity spread over 30 days, a few very recent ones first
    const last = now - Math.floor(i < 10 ? r.next() * 3 * 3600_000 : r.next() * 30 * 86_400_000);
    const count = Math.max(2, Math.round(counts.perSession * (0.3 + r.next() * 1.4)));
    const unreadTail = r.next() < 0.35 ? 1 + r.int(4) : 0;
    const offPlatform = r.next() < 0.12;
    const withStaff = r.next() < 0.1;
    let unread = 0;
    let flagged = 0;
    const start = last - count * (5 + r.int(90)) * 60_000;
    for (let j = 0; j < count; j++) {
      const fromCustomer = j % 2 === 0;
      const isLast = j === count - 1;
      let role: 'customer' | 'seller' | 'staff' = fromCustomer ? 'customer' : 'seller';
      let body =
        j === 0
          ? r.pick(CUSTOMER_OPENERS)
          : j === 1
            ? r.pick(SELLER_REPLIES)
            : fromCustomer
              ? r.pick(FOLLOW_UPS)
              : r.pick(SELLER_FOLLOW);
      if (offPlatform && j === Math.min(3, count - 1)) body = r.pick(OFF_PLATFORM);
      if (withStaff && j === count - 2 && count > 3) {
        role = 'staff';
        body = r.pick(STAFF_NOTES);
      }
      const createdAt = isLast ? last : start + Math.floor(((last - start) * j) / count);
      const senderId = role === 'customer' ? customer.id : role === 'seller' ? seller.id : (staff[3]?.id as string);
      const senderName =
        role === 'customer' ? customer.name : role === 'seller' ? seller.name : (staff[3]?.name as string);
      const unreadHere = role !== 'staff' && j >= count - unreadTail;
      const flags = moderationFlags(body);
      if (unreadHere) unread++;
      if (flags.length) flagged++;
      messages.push({
        id: r.uuid(),
        sessionId: id,
        role,
        senderId,
        senderName,
        body,
        flags,
        readAt: unreadHere ? null : new Date(createdAt + 60_000 * (1 + r.int(120))).toISOString(),
        createdAt: new Date(createdAt).toISOString(),
      });
    }
    sessions.push({
      id,
      product,
      customer,
      seller,
      createdAt: new Date(start - 60_000).toISOString(),
      last,
      count,
      unread,
      flagged,
    });
    if (r.next() < 0.6) {
      const quantity = 1 + r.int(3);
      orders.push({
        id: r.uuid(),
        customerId: customer.id,
        productId: product.id,
        status: r.pick(statuses),
        quantity,
        total: Math.round(product.price * quantity * 100) / 100,
        createdAt: new Date(last - r.int(5) * 86_400_000).toISOString(),
      });
    }
  }
  for (let i = 0; i < 60; i++) {
    const product = r.pick(products);
    const customer = r.pick(customers);
    orders.push({
      id: r.uuid(),
      customerId: customer.id,
      productId: product.id,
      status: r.pick(statuses),
      quantity: 1,
      total: product.price,
      createdAt: new Date(now - r.int(60) * 86_400_000).toISOString(),
    });
  }

  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO staff (id, name, email, role, password_hash)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        staff.map((s) => s.id),
        staff.map((s) => s.name),
        staff.map((s) => s.email),
        staff.map((s) => s.role),
        staff.map(() => passwordHash),
      ],
    );
    const users = [...sellers, ...customers];
    await tx.query(
      `INSERT INTO users (id, name, email, role, password_hash, search_text, created_at, updated_at)
       SELECT i, n, e, r, $5, s, c::timestamptz, c::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $6::text[], $7::text[]) AS x(i, n, e, r, s, c)`,
      [
        users.map((u) => u.id),
        users.map((u) => u.name),
        users.map((u) => u.email),
        users.map((u) => u.role),
        passwordHash,
        users.map((u) => userSearchText(u.name, u.email)),
        users.map((u) => u.createdAt),
      ],
    );
    await tx.query(
      `INSERT INTO products (id, name, seller_id, price, currency, search_text, created_at, updated_at)
       SELECT i, n, s, p, c, f, t::timestamptz, t::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::numeric[], $5::text[], $6::text[], $7::text[]) AS x(i, n, s, p, c, f, t)`,
      [
        products.map((p) => p.id),
        products.map((p) => p.name),
        products.map((p) => p.sellerId),
        products.map((p) => p.price),
        products.map((p) => p.currency),
        products.map((p) => foldArabic(p.name)),
        products.map((p) => p.createdAt),
      ],
    );
    await tx.query(
      `INSERT INTO orders (id, customer_id, product_id, status, quantity, total, created_at, updated_at)
       SELECT i, c, p, s, q, t, a::timestamptz, a::timestamptz
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::numeric[], $7::text[]) AS x(i, c, p, s, q, t, a)`,
      [
        orders.map((o) => o.id),
        orders.map((o) => o.customerId),
        orders.map((o) => o.productId),
        orders.map((o) => o.status),
        orders.map((o) => o.quantity),
        orders.map((o) => o.total),
        orders.map((o) => o.createdAt),
      ],
    );
    await tx.query(
      `INSERT INTO chat_sessions (id, product_id, customer_id, seller_id, product_name, customer_name, seller_name,
          search_text, messages_count, unread_count, flagged_count, last_message_at, created_at, updated_at)
       SELECT * , l FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
          $8::text[], $9::int[], $10::int[], $11::int[], $12::timestamptz[], $13::timestamptz[]) AS x(i, p, c, s, pn, cn, sn, st, mc, uc, fc, l, ca)`,
      [
        sessions.map((s) => s.id),
        sessions.map((s) => s.product.id),
        sessions.map((s) => s.customer.id),
        sessions.map((s) => s.seller.id),
        sessions.map((s) => s.product.name),
        sessions.map((s) => s.customer.name),
        sessions.map((s) => s.seller.name),
        sessions.map((s) => sessionSearchText(s.product.name, s.customer.name, s.seller.name)),
        sessions.map((s) => s.count),
        sessions.map((s) => s.unread),
        sessions.map((s) => s.flagged),
        sessions.map((s) => new Date(s.last).toISOString()),
        sessions.map((s) => s.createdAt),
      ],
    );
    for (let i = 0; i < messages.length; i += 1000) {
      const batch = messages.slice(i, i + 1000);
      await tx.query(
        `INSERT INTO chat_messages (id, session_id, sender_role, sender_id, sender_name, body, flags, read_at, created_at,
            search_text)
         SELECT i, s, r, si, sn, b, CASE WHEN f = '' THEN '{}'::text[] ELSE string_to_array(f, ',') END, ra, ca, st
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                $8::timestamptz[], $9::timestamptz[], $10::text[]) AS x(i, s, r, si, sn, b, f, ra, ca, st)`,
        [
          batch.map((m) => m.id),
          batch.map((m) => m.sessionId),
          batch.map((m) => m.role),
          batch.map((m) => m.senderId),
          batch.map((m) => m.senderName),
          batch.map((m) => m.body),
          batch.map((m) => m.flags.join(',')),
          batch.map((m) => m.readAt),
          batch.map((m) => m.createdAt),
          batch.map((m) => foldArabic(m.body)),
        ],
      );
    }
    // B10: when staff first answered each customer
    await tx.query(FILL_FIRST_RESPONSE_SQL);
    // B9: the flagged messages are in the review queue
    await tx.query(FILL_MODERATION_QUEUE_SQL);
  });
  return { staff: DEMO_STAFF.map((s) => ({ email: s.email, role: s.role })) };
}
