// Strings of the web edition's notifications and page title.
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'notifications';

const en = {
  appTitle: 'Chat Desk',
  one: '{{sender}} — {{product}}',
  sameSession: '{{count}} new messages — {{product}}',
  group: '{{count}} new messages in {{sessions}} conversations',
  latest: '{{sender}}: {{body}}',
  assigned_one: 'Session assigned to you by {{by}}',
  assigned_other: '{{count}} sessions assigned to you by {{by}}',
  assignedAnon_one: 'Session assigned to you',
  assignedAnon_other: '{{count}} sessions assigned to you',
};

const ar: Record<keyof typeof en, string> & Record<string, string> = {
  appTitle: 'Chat Desk',
  one: '{{sender}} — {{product}}',
  sameSession: 'رسائل جديدة ({{count}}) — {{product}}',
  group: 'رسائل جديدة ({{count}}) في {{sessions}} محادثات',
  latest: '{{sender}}: {{body}}',
  assigned_zero: 'أُسندت إليك {{count}} جلسة من {{by}}',
  assigned_one: 'أُسندت إليك جلسة من {{by}}',
  assigned_two: 'أُسندت إليك جلستان من {{by}}',
  assigned_few: 'أُسندت إليك {{count}} جلسات من {{by}}',
  assigned_many: 'أُسندت إليك {{count}} جلسة من {{by}}',
  assigned_other: 'أُسندت إليك {{count}} جلسة من {{by}}',
  assignedAnon_zero: 'أُسندت إليك {{count}} جلسة',
  assignedAnon_one: 'أُسندت إليك جلسة',
  assignedAnon_two: 'أُسندت إليك جلستان',
  assignedAnon_few: 'أُسندت إليك {{count}} جلسات',
  assignedAnon_many: 'أُسندت إليك {{count}} جلسة',
  assignedAnon_other: 'أُسندت إليك {{count}} جلسة',
};

registerStrings(NS, { en, ar });
