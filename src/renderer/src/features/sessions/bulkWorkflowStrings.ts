// Strings of the bulk bar's workflow actions (B10): the snooze menu and the notifications of bulk jobs that assign,
// resolve, reopen or snooze "all matching" sessions.
import { registerStrings } from '../../i18n/index.ts';

export const BULK_NS = 'sessionsBulk';

const en = {
  snoozeDone_one: '{{count}} session snoozed until {{time}}',
  snoozeDone_other: '{{count}} sessions snoozed until {{time}}',
  title: {
    assign: 'Changing who has chat sessions',
    resolve: 'Resolving chat sessions',
    reopen: 'Reopening chat sessions',
    snooze: 'Changing when chat sessions are snoozed',
  },
  done: {
    assign: 'The assignee of {{total}} chat sessions is changed',
    resolve: '{{total}} chat sessions resolved',
    reopen: '{{total}} chat sessions reopened',
    snooze: 'The snooze of {{total}} chat sessions is changed',
  },
};

const ar: typeof en & Record<string, unknown> = {
  snoozeDone_zero: 'لم تؤجَّل أي جلسة',
  snoozeDone_one: 'أُجّلت جلسة واحدة حتى {{time}}',
  snoozeDone_two: 'أُجّلت جلستان حتى {{time}}',
  snoozeDone_few: 'أُجّلت {{count}} جلسات حتى {{time}}',
  snoozeDone_many: 'أُجّلت {{count}} جلسة حتى {{time}}',
  snoozeDone_other: 'أُجّلت {{count}} جلسة حتى {{time}}',
  title: {
    assign: 'تغيير المسؤول عن جلسات المحادثة',
    resolve: 'حلّ جلسات المحادثة',
    reopen: 'إعادة فتح جلسات المحادثة',
    snooze: 'تغيير تأجيل جلسات المحادثة',
  },
  done: {
    assign: 'تغيّر المسؤول عن {{total}} جلسة محادثة',
    resolve: 'حُلّت {{total}} جلسة محادثة',
    reopen: 'أُعيد فتح {{total}} جلسة محادثة',
    snooze: 'تغيّر تأجيل {{total}} جلسة محادثة',
  },
};

registerStrings(BULK_NS, { en, ar });

/** A bulk job's notification title and its end, by action (mark-read and delete keep the sessions strings). */
export function bulkJobTexts(action: string): { title: string; done: string } | null {
  return action in en.title ? { title: `${BULK_NS}:title.${action}`, done: `${BULK_NS}:done.${action}` } : null;
}
