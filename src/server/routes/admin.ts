// Staff routes (`/admin/...`): sessions, messages, people, products, orders, settings, staff accounts, audit log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AuditLogQuery,
  BulkResult,
  BulkTarget,
  IdParams,
  MessageCreateBody,
  MessageIdsBody,
  MessageListQuery,
  MessagePage,
  OrderListQuery,
  Page,
  ProductListQuery,
  RenameBody,
  SessionCreateBody,
  SessionListQuery,
  SessionPatchBody,
  SettingsBody,
  StaffAccountPage,
  StaffCreateBody,
  StaffListQuery,
  StaffUpdateBody,
  UnreadTotal,
  UserListQuery,
} from '../../shared/api.ts';
import { foldArabic } from '../../shared/arabicFold.ts';
import { AuditEntry, Message, Order, Product, Session, Settings, Staff, User } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { hashPassword, notifyTokensRevoked } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import { defineRoute, type ServerDeps } from '../http/route.ts';
import type { WriteCtx } from '../store/context.ts';
import { listProducts, listUsers } from '../store/directory.ts';
import { addMessage, deleteMessage, listMessages, markMessagesRead } from '../store/messages.ts';
import {
  ORDER_COLUMNS,
  PRODUCT_COLUMNS,
  SESSION_COLUMNS,
  type SessionRow,
  toAudit,
  toOrder,
  toProduct,
  toSession,
  toStaff,
  toUser,
  USER_COLUMNS,
} from '../store/rows.ts';
import {
  createSession,
  deleteSessions,
  listSessions,
  markSessionsRead,
  patchSession,
  requireSession,
  sessionSearchText,
  unreadTotal,
} from '../store/sessions.ts';

export async function readSettings(q: Queryable): Promise<Settings> {
  const { rows } = await q.query<{ chat_mobile_enabled: boolean }>('SELECT chat_mobile_enabled FROM settings');
  return { chatMobileEnabled: rows[0]?.chat_mobile_enabled ?? true };
}

/** Copies a renamed user's or product's name onto its sessions and emits their new state. */
async function propagateName(w: WriteCtx, column: 'customer' | 'seller' | 'product', id: string): Promise<number> {
  const { rows } = await w.tx.query<SessionRow>(
    `UPDATE chat_sessions s SET ${column}_name = src.name, updated_at = now()
       FROM (SELECT $2::text AS name) src
      WHERE s.${column}_id = $1 AND s.${column}_name IS DISTINCT FROM src.name
      RETURNING ${SESSION_COLUMNS}`,
    [id, column === 'product' ? await nameOf(w.tx, 'products', id) : await nameOf(w.tx, 'users', id)],
  );
  for (const row of rows) {
    await w.tx.query('UPDATE chat_sessions SET search_text = $2 WHERE id = $1', [
      row.id,
      sessionSearchText(row.product_name, row.customer_name, row.seller_name),
    ]);
    w.events.push({ type: 'session.upserted', session: toSession(row) });
  }
  return rows.length;
}

async function nameOf(q: Queryable, table: 'users' | 'products', id: string): Promise<string> {
  const { rows } = await q.query<{ name: string }>(`SELECT name FROM ${table} WHERE id = $1`, [id]);
  return rows[0]?.name ?? '';
}

const Affected = BulkResult;

/** The password hash of a staff account being created, made by the route's guard outside the transaction. */
const staffHashes = new WeakMap<FastifyRequest, string>();

export function adminRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  // ---- sessions (F2–F9)
  route({
    method: 'GET',
    path: '/admin/sessions',
    summary: 'Sessions with search, filters, sort and paging (F2–F6); default sort lastMessageAt desc',
    auth: 'staff',
    permission: 'sessions.read',
    query: SessionListQuery,
    response: Page(Session),
    handler: ({ query, q }) => listSessions(q, query),
  });
  route({
    method: 'POST',
    path: '/admin/sessions',
    summary: 'Create a session by hand (F9); the seller defaults to the product’s owner; a client-made id is kept',
    auth: 'staff',
    permission: 'sessions.write',
    body: SessionCreateBody,
    response: Session,
    status: 201,
    handler: async ({ body, w }) => (await createSession(w, body)).session,
  });
  route({
    method: 'GET',
    path: '/admin/sessions/:id',
    summary: 'One session with its counters',
    auth: 'staff',
    permission: 'sessions.read',
    params: IdParams,
    response: Session,
    handler: ({ params, q }) => requireSession(q, params.id),
  });
  route({
    method: 'PATCH',
    path: '/admin/sessions/:id',
    summary: 'Edit product, customer, seller or last message time (F7)',
    auth: 'staff',
    permission: 'sessions.write',
    params: IdParams,
    body: SessionPatchBody,
    response: Session,
    handler: ({ params, body, w }) => patchSession(w, params.id, body),
  });
  route({
    method: 'DELETE',
    path: '/admin/sessions/:id',
    summary: 'Delete a session and all its messages, for good (F7)',
    auth: 'staff',
    permission: 'sessions.delete',
    params: IdParams,
    response: Affected,
    async handler({ params, w }) {
      const affected = await deleteSessions(w, { ids: [params.id] });
      if (affected === 0)
        throw new AppError('not_found', `No chat session with id ${params.id}`, { id: 'no such session' });
      return { affected };
    },
  });
  route({
    method: 'POST',
    path: '/admin/sessions/mark-read',
    summary:
      'Mark every message of the sessions read (F8); `{ids}` or `{allMatching: {filter, confirmedCount, asOf}}` ' +
      '(409 with currentCount when the filter now matches more); affected = messages marked',
    auth: 'staff',
    permission: 'messages.markRead',
    body: BulkTarget,
    response: Affected,
    handler: async ({ body, w, request }) => ({ affected: await markSessionsRead(w, body, request.body) }),
  });
  route({
    method: 'POST',
    path: '/admin/sessions/delete',
    summary:
      'Delete sessions with their messages (F8); `{ids}` (unknown ids are skipped) or ' +
      '`{allMatching: {filter, confirmedCount, asOf}}` (409 with currentCount when the filter now matches more)',
    auth: 'staff',
    permission: 'sessions.delete',
    body: BulkTarget,
    response: Affected,
    handler: async ({ body, w, request }) => ({ affected: await deleteSessions(w, body, request.body) }),
  });

  // ---- messages (F10)
  route({
    method: 'GET',
    path: '/admin/sessions/:id/messages',
    summary: 'Messages of a session, oldest first; `before` pages back',
    auth: 'staff',
    permission: 'sessions.read',
    params: IdParams,
    query: MessageListQuery,
    response: MessagePage,
    async handler({ params, query, q }) {
      await requireSession(q, params.id);
      return listMessages(q, params.id, query);
    },
  });
  route({
    method: 'POST',
    path: '/admin/sessions/:id/messages',
    summary: 'Reply as support (a staff message never counts as unread)',
    auth: 'staff',
    permission: 'messages.reply',
    params: IdParams,
    body: MessageCreateBody,
    response: Message,
    status: 201,
    async handler({ params, body, w, staff }) {
      await requireSession(w.tx, params.id);
      const { message } = await addMessage(w, {
        id: body.id,
        sessionId: params.id,
        senderRole: 'staff',
        senderId: staff.id,
        senderName: staff.name,
        body: body.body,
      });
      return message;
    },
  });
  route({
    method: 'DELETE',
    path: '/admin/messages/:id',
    summary: 'Delete one message; returns its session with the new counters',
    auth: 'staff',
    permission: 'messages.delete',
    params: IdParams,
    response: Session,
    handler: ({ params, w }) => deleteMessage(w, params.id),
  });
  route({
    method: 'POST',
    path: '/admin/messages/mark-read',
    summary: 'Mark messages read by id; affected = messages that were unread (unknown ids are skipped)',
    auth: 'staff',
    permission: 'messages.markRead',
    body: MessageIdsBody,
    response: Affected,
    handler: async ({ body, w }) => ({ affected: await markMessagesRead(w, { ids: body.ids }) }),
  });
  route({
    method: 'GET',
    path: '/admin/unread-total',
    summary: 'Unread messages across all sessions (F1)',
    auth: 'staff',
    permission: 'sessions.read',
    response: UnreadTotal,
    handler: async ({ q }) => ({ total: await unreadTotal(q) }),
  });

  // ---- people, products, orders (F6, F9, F13)
  route({
    method: 'GET',
    path: '/admin/users',
    summary: 'Customers and sellers, by name',
    auth: 'staff',
    permission: 'sessions.read',
    query: UserListQuery,
    response: Page(User),
    handler: ({ query, q }) => listUsers(q, query),
  });
  route({
    method: 'GET',
    path: '/admin/users/:id',
    summary: 'One customer or seller',
    auth: 'staff',
    permission: 'sessions.read',
    params: IdParams,
    response: User,
    async handler({ params, q }) {
      const { rows } = await q.query<Parameters<typeof toUser>[0]>(
        `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`,
        [params.id],
      );
      if (!rows[0]) throw new AppError('not_found', `No user with id ${params.id}`, { id: 'no such user' });
      return toUser(rows[0]);
    },
  });
  route({
    method: 'PATCH',
    path: '/admin/users/:id',
    summary: 'Rename a customer or seller; their sessions show the new name',
    auth: 'staff',
    permission: 'sessions.write',
    params: IdParams,
    body: RenameBody,
    response: User,
    async handler({ params, body, w }) {
      const { rows } = await w.tx.query<Parameters<typeof toUser>[0]>(
        `UPDATE users u SET name = $2, updated_at = now() WHERE u.id = $1 RETURNING ${USER_COLUMNS}`,
        [params.id, body.name],
      );
      const row = rows[0];
      if (!row) throw new AppError('not_found', `No user with id ${params.id}`, { id: 'no such user' });
      await w.tx.query('UPDATE users SET search_text = $2 WHERE id = $1', [
        params.id,
        foldArabic(`${row.name} ${row.email}`),
      ]);
      const user = toUser(row);
      w.events.push({ type: 'user.upserted', user });
      const sessions = await propagateName(w, user.role, user.id);
      w.audits.push({
        action: 'user.rename',
        targetKind: 'user',
        targetId: user.id,
        details: { name: body.name, sessions },
      });
      return user;
    },
  });
  route({
    method: 'GET',
    path: '/admin/products',
    summary: 'Products, by name',
    auth: 'staff',
    permission: 'sessions.read',
    query: ProductListQuery,
    response: Page(Product),
    handler: ({ query, q }) => listProducts(q, query),
  });
  route({
    method: 'PATCH',
    path: '/admin/products/:id',
    summary: 'Rename a product; its sessions show the new name',
    auth: 'staff',
    permission: 'sessions.write',
    params: IdParams,
    body: RenameBody,
    response: Product,
    async handler({ params, body, w }) {
      const { rows } = await w.tx.query<Parameters<typeof toProduct>[0]>(
        `UPDATE products p SET name = $2, search_text = $3, updated_at = now() WHERE p.id = $1 RETURNING ${PRODUCT_COLUMNS}`,
        [params.id, body.name, foldArabic(body.name)],
      );
      if (!rows[0]) throw new AppError('not_found', `No product with id ${params.id}`, { id: 'no such product' });
      const product = toProduct(rows[0]);
      w.events.push({ type: 'product.upserted', product });
      const sessions = await propagateName(w, 'product', product.id);
      w.audits.push({
        action: 'product.rename',
        targetKind: 'product',
        targetId: product.id,
        details: { name: body.name, sessions },
      });
      return product;
    },
  });
  route({
    method: 'GET',
    path: '/admin/orders',
    summary: 'Orders, newest first; by customer and/or product (F13)',
    auth: 'staff',
    permission: 'sessions.read',
    query: OrderListQuery,
    response: Page(Order),
    async handler({ query, q }) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (query.customerId) where.push(`o.customer_id = $${params.push(query.customerId)}`);
      if (query.productId) where.push(`o.product_id = $${params.push(query.productId)}`);
      if (query.status) where.push(`o.status = $${params.push(query.status)}`);
      const w = where.length ? where.join(' AND ') : 'true';
      const [items, total] = await Promise.all([
        q.query<Parameters<typeof toOrder>[0]>(
          `SELECT ${ORDER_COLUMNS} FROM orders o WHERE ${w} ORDER BY o.created_at DESC, o.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, query.limit, query.offset],
        ),
        q.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders o WHERE ${w}`, params),
      ]);
      return { items: items.rows.map(toOrder), total: total.rows[0]?.n ?? 0 };
    },
  });

  // ---- settings (F12)
  route({
    method: 'GET',
    path: '/admin/settings',
    summary: 'Settings (F12)',
    auth: 'staff',
    permission: 'sessions.read',
    response: Settings,
    handler: ({ q }) => readSettings(q),
  });
  route({
    method: 'PUT',
    path: '/admin/settings',
    summary: 'Switch chat in the mobile app on or off (F12)',
    auth: 'staff',
    permission: 'settings.write',
    body: SettingsBody,
    response: Settings,
    async handler({ body, w }) {
      await w.tx.query('UPDATE settings SET chat_mobile_enabled = $1, updated_at = now()', [body.chatMobileEnabled]);
      const settings = await readSettings(w.tx);
      w.events.push({ type: 'settings.updated', settings });
      w.audits.push({ action: 'settings.update', targetKind: 'settings', targetId: null, details: { ...body } });
      return settings;
    },
  });

  // ---- staff accounts and audit (B4)
  route({
    method: 'GET',
    path: '/admin/staff',
    summary: 'Staff accounts (active; with includeDisabled=true the disabled ones too, after them)',
    auth: 'staff',
    permission: 'staff.manage',
    query: StaffListQuery,
    response: StaffAccountPage,
    async handler({ query, q }) {
      const w = query.includeDisabled ? 'true' : 'disabled_at IS NULL';
      const [items, total] = await Promise.all([
        q.query<Parameters<typeof toStaff>[0] & { disabled_at: string | null }>(
          `SELECT id, name, email, role, disabled_at FROM staff WHERE ${w}
            ORDER BY disabled_at IS NOT NULL, name, id LIMIT $1 OFFSET $2`,
          [query.limit, query.offset],
        ),
        q.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff WHERE ${w}`),
      ]);
      return {
        items: items.rows.map((r) => ({ ...toStaff(r), disabledAt: r.disabled_at })),
        total: total.rows[0]?.n ?? 0,
      };
    },
  });
  route({
    method: 'POST',
    path: '/admin/staff',
    summary: 'Create a staff account',
    auth: 'staff',
    permission: 'staff.manage',
    body: StaffCreateBody,
    response: Staff,
    status: 201,
    // scrypt is slow on purpose: hashed here, before the transaction, so the database is not held meanwhile.
    guard: async ({ body, request }) => {
      staffHashes.set(request, await hashPassword(body.password, deps.passwordCost));
    },
    async handler({ body, w, request }) {
      const { rows: taken } = await w.tx.query('SELECT 1 FROM staff WHERE lower(email) = lower($1)', [body.email]);
      if (taken.length)
        throw new AppError('conflict', 'A staff account with this e-mail exists', { email: 'is already used' });
      const { rows } = await w.tx.query<Parameters<typeof toStaff>[0]>(
        'INSERT INTO staff (name, email, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id, name, email, role',
        [
          body.name,
          body.email,
          body.role,
          staffHashes.get(request) ?? (await hashPassword(body.password, deps.passwordCost)),
        ],
      );
      const staff = toStaff(rows[0] as Parameters<typeof toStaff>[0]);
      w.audits.push({
        action: 'staff.create',
        targetKind: 'staff',
        targetId: staff.id,
        details: { email: staff.email, role: staff.role },
      });
      return staff;
    },
  });
  route({
    method: 'PATCH',
    path: '/admin/staff/:id',
    summary: "Change a staff account's role",
    auth: 'staff',
    permission: 'staff.manage',
    params: IdParams,
    body: StaffUpdateBody,
    response: Staff,
    async handler({ params, body, w, staff }) {
      if (params.id === staff.id && body.role !== staff.role)
        throw new AppError('conflict', 'You cannot change your own role', { role: 'is your own' });
      const { rows } = await w.tx.query<Parameters<typeof toStaff>[0] & { old_role: string }>(
        `UPDATE staff s SET role = $2 FROM staff o WHERE s.id = $1 AND o.id = s.id AND s.disabled_at IS NULL
          RETURNING s.id, s.name, s.email, s.role, o.role AS old_role`,
        [params.id, body.role],
      );
      const row = rows[0];
      if (!row) throw new AppError('not_found', `No active staff account ${params.id}`, { id: 'no such staff' });
      w.audits.push({
        action: 'staff.role',
        targetKind: 'staff',
        targetId: params.id,
        details: { email: row.email, from: row.old_role, role: body.role },
      });
      return toStaff(row);
    },
  });
  route({
    method: 'DELETE',
    path: '/admin/staff/:id',
    summary: 'Disable a staff account and revoke its tokens',
    auth: 'staff',
    permission: 'staff.manage',
    params: IdParams,
    response: Affected,
    async handler({ params, w, staff }) {
      if (params.id === staff.id)
        throw new AppError('conflict', 'You cannot disable your own account', { id: 'is you' });
      const { rowCount } = await w.tx.query(
        'UPDATE staff SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL',
        [params.id],
      );
      if (rowCount === 0)
        throw new AppError('not_found', `No active staff account ${params.id}`, { id: 'no such staff' });
      await w.tx.query(
        `UPDATE auth_tokens SET revoked_at = now() WHERE subject_kind = 'staff' AND subject_id = $1 AND revoked_at IS NULL`,
        [params.id],
      );
      // Its open feed sockets close once this commits (on every backend instance).
      await notifyTokensRevoked(w.tx, 'account disabled');
      w.audits.push({ action: 'staff.disable', targetKind: 'staff', targetId: params.id });
      return { affected: 1 };
    },
  });
  route({
    method: 'POST',
    path: '/admin/staff/:id/enable',
    summary: 'Enable a disabled staff account again (it signs in anew: its old tokens stay revoked)',
    auth: 'staff',
    permission: 'staff.manage',
    params: IdParams,
    response: Affected,
    async handler({ params, w, staff }) {
      if (params.id === staff.id)
        throw new AppError('conflict', 'You cannot enable your own account', { id: 'is you' });
      const { rows } = await w.tx.query<{ email: string }>(
        'UPDATE staff SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL RETURNING email',
        [params.id],
      );
      const row = rows[0];
      if (!row) throw new AppError('not_found', `No disabled staff account ${params.id}`, { id: 'no such staff' });
      w.audits.push({
        action: 'staff.enable',
        targetKind: 'staff',
        targetId: params.id,
        details: { email: row.email },
      });
      return { affected: 1 };
    },
  });
  route({
    method: 'GET',
    path: '/admin/audit-log',
    summary: 'Who did what, newest first (B4)',
    auth: 'staff',
    permission: 'audit.read',
    query: AuditLogQuery,
    response: Page(AuditEntry),
    async handler({ query, q }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.action) where.push(`action = $${params.push(query.action)}`);
      if (query.staffId) where.push(`staff_id = $${params.push(query.staffId)}`);
      const w = where.length ? where.join(' AND ') : 'true';
      const [items, total] = await Promise.all([
        q.query<Parameters<typeof toAudit>[0]>(
          `SELECT id, at, staff_id, staff_name, action, target_kind, target_id, details FROM audit_log WHERE ${w}
            ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, query.limit, query.offset],
        ),
        q.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${w}`, params),
      ]);
      return { items: items.rows.map(toAudit), total: total.rows[0]?.n ?? 0 };
    },
  });
}
