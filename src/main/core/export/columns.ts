// The columns of an export (F8): what each holds, its header in the interface language, and its width in XLSX.
// Times are written in UTC (the cache keeps them so); the header says so, as a spreadsheet has no time zone.
import type { Locale } from '../../../shared/bridge.ts';
import type { SessionStatus } from '../../../shared/domain.ts';

export type ColumnKind = 'text' | 'count' | 'date';

export interface ExportColumn {
  key:
    | 'product'
    | 'customer'
    | 'seller'
    | 'messagesCount'
    | 'unreadCount'
    | 'lastMessageAt'
    | 'createdAt'
    | 'updatedAt'
    | 'status'
    | 'assignee'
    | 'firstResponseAt'
    | 'resolvedAt';
  kind: ColumnKind;
  header: Record<Locale, string>;
  /** The cache column it is read from (cache/schema.ts). */
  sql: string;
  /** XLSX column width, in characters. */
  width: number;
}

/**
 * One exported row: the values of EXPORT_COLUMNS in order (times as the cache's ISO strings; B10's status as stored,
 * written in the file's language; no assignee, first response or resolution: null, an empty cell).
 */
export type ExportRow = [
  string,
  string,
  string,
  number,
  number,
  string,
  string,
  string,
  SessionStatus,
  string | null,
  string | null,
  string | null,
];

/** B10's statuses as the export writes them, in the interface's words. */
export const STATUS_LABELS: Record<Locale, Record<SessionStatus, string>> = {
  en: { open: 'Open', pending: 'Pending', resolved: 'Resolved' },
  ar: { open: 'مفتوحة', pending: 'معلّقة', resolved: 'محلولة' },
};

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'product', kind: 'text', header: { en: 'Product', ar: 'المنتج' }, width: 40, sql: 'product_name' },
  {
    key: 'customer',
    kind: 'text',
    header: { en: 'Customer', ar: 'العميل' },
    width: 28,
    sql: 'customer_name',
  },
  { key: 'seller', kind: 'text', header: { en: 'Seller', ar: 'البائع' }, width: 28, sql: 'seller_name' },
  {
    key: 'messagesCount',
    kind: 'count',
    header: { en: 'Messages count', ar: 'عدد الرسائل' },
    width: 16,
    sql: 'messages_count',
  },
  {
    key: 'unreadCount',
    kind: 'count',
    header: { en: 'Unread count', ar: 'عدد غير المقروءة' },
    width: 16,
    sql: 'unread_count',
  },
  {
    key: 'lastMessageAt',
    kind: 'date',
    header: { en: 'Last message at (UTC)', ar: 'آخر رسالة (UTC)' },
    width: 22,
    sql: 'last_message_at',
  },
  {
    key: 'createdAt',
    kind: 'date',
    header: { en: 'Created at (UTC)', ar: 'تاريخ الإنشاء (UTC)' },
    width: 22,
    sql: 'created_at',
  },
  {
    key: 'updatedAt',
    kind: 'date',
    header: { en: 'Updated at (UTC)', ar: 'تاريخ التحديث (UTC)' },
    width: 22,
    sql: 'updated_at',
  },
  // B10: the agent workflow.
  { key: 'status', kind: 'text', header: { en: 'Status', ar: 'الحالة' }, width: 12, sql: 'status' },
  { key: 'assignee', kind: 'text', header: { en: 'Assignee', ar: 'المسؤول' }, width: 24, sql: 'assignee_name' },
  {
    key: 'firstResponseAt',
    kind: 'date',
    header: { en: 'First response at (UTC)', ar: 'أول رد (UTC)' },
    width: 22,
    sql: 'first_response_at',
  },
  {
    key: 'resolvedAt',
    kind: 'date',
    header: { en: 'Resolved at (UTC)', ar: 'تاريخ الحل (UTC)' },
    width: 22,
    sql: 'resolved_at',
  },
];

export const XLSX_DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** An ISO instant as CSV shows it: `2026-11-27 11:44:26` (UTC), a form spreadsheets read as a date-time. */
export function csvDate(iso: string): string {
  // The cache keeps UTC instants as `YYYY-MM-DDTHH:MM:SS.sssZ` (cache/rows.ts utc): cut, don't parse.
  if (iso.length >= 20 && iso.charCodeAt(10) === 84 /* T */ && iso.endsWith('Z')) {
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A text cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`:
 * names come from the marketplace's customers and sellers, and a CSV opened in Excel must not run their formulas.
 * XLSX cells are typed as text, so they need no such guard.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
