// Strings of the Users section (F13).
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'users';

const en = {
  title: 'Users',
  intro: 'The customers and sellers who take part in conversations.',
  search: 'Search by name or e-mail',
  role: { all: 'All', customer: 'Customers', seller: 'Sellers' },
  roleOne: { customer: 'Customer', seller: 'Seller' },
  name: 'Name',
  email: 'E-mail',
  roleColumn: 'Role',
  sessions: 'Sessions',
  since: 'Since',
  actions: 'Actions',
  openSessions: 'Sessions ({{count}})',
  openOrders: 'Orders',
  none: 'No users match',
  total: '{{count}} users',
  failed: 'Could not load the users: {{message}}',
};

const ar: typeof en = {
  title: 'المستخدمون',
  intro: 'العملاء والبائعون المشاركون في المحادثات.',
  search: 'البحث بالاسم أو البريد الإلكتروني',
  role: { all: 'الكل', customer: 'العملاء', seller: 'البائعون' },
  roleOne: { customer: 'عميل', seller: 'بائع' },
  name: 'الاسم',
  email: 'البريد الإلكتروني',
  roleColumn: 'الدور',
  sessions: 'الجلسات',
  since: 'منذ',
  actions: 'الإجراءات',
  openSessions: 'الجلسات ({{count}})',
  openOrders: 'الطلبات',
  none: 'لا يوجد مستخدمون مطابقون',
  total: 'عدد المستخدمين: {{count}}',
  failed: 'تعذّر تحميل المستخدمين: {{message}}',
};

registerStrings(NS, { en, ar });
