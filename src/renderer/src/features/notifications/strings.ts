// Strings of the web edition's notifications and page title.
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'notifications';

const en = {
  appTitle: 'Chat Desk',
  one: '{{sender}} — {{product}}',
  sameSession: '{{count}} new messages — {{product}}',
  group: '{{count}} new messages in {{sessions}} conversations',
  latest: '{{sender}}: {{body}}',
};

const ar: typeof en = {
  appTitle: 'Chat Desk',
  one: '{{sender}} — {{product}}',
  sameSession: 'رسائل جديدة ({{count}}) — {{product}}',
  group: 'رسائل جديدة ({{count}}) في {{sessions}} محادثات',
  latest: '{{sender}}: {{body}}',
};

registerStrings(NS, { en, ar });
