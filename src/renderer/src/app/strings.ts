// Strings of the app frame (sidebar, connection state, language switch, sign-out) and of the shared interface pieces
// in ui/ (dialogs, order statuses, a field's length), English and Arabic. The section names are the product's words ("User Management",
// "Chat Sessions") and the source document's Arabic ones.
import { registerStrings } from '../i18n/index.ts';

export const NS = 'app';

const en = {
  appName: 'Chat Desk',
  loading: 'Loading…',
  startFailed: 'The desk could not start: {{message}}',
  retry: 'Try again',
  saveFailed: 'Your change could not be saved: {{message}}',
  nav: {
    label: 'Sections',
    userManagement: 'User Management',
    chatSessions: 'Chat Sessions',
    users: 'Users',
    orders: 'Orders',
    settings: 'Settings',
    unreadBadge: 'Unread messages: {{count}}',
    toggle: 'Show or hide the sections',
  },
  connection: {
    label: 'Connection state',
    online: 'Online',
    connecting: 'Connecting…',
    syncing: 'Syncing',
    syncingProgress: 'Syncing {{percent}}%',
    offline: 'Offline',
    offlineSince: 'Offline since {{since}}',
    offlineJustNow: 'Offline for a moment',
    signedOut: 'Signed out',
    pending: 'Pending actions: {{count}}',
    lastSynced: 'Last synced {{when}}',
    resync: 'Sync now',
  },
  account: {
    signedInAs: 'Signed in as {{name}} ({{role}})',
    signOut: 'Sign out',
    signOutFailed: 'Could not sign out: {{message}}',
  },
  language: {
    label: 'Interface language',
  },
  pane: {
    label: 'Conversation',
    close: 'Close the conversation',
    resize: 'Resize the conversation pane',
  },
  toast: {
    actionFailed: 'An action was refused: {{summary}}',
  },
  field: {
    tooLong: 'must be at most {{max}} characters ({{n}} now)',
  },
  pagination: {
    first: 'First page',
    previous: 'Previous page',
    next: 'Next page',
    last: 'Last page',
  },
  roles: {
    agent: 'support agent',
    moderator: 'moderator',
    manager: 'manager',
    admin: 'admin',
  },
  dialog: {
    close: 'Close',
  },
  orderStatus: {
    pending: 'Pending',
    paid: 'Paid',
    shipped: 'Shipped',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
  },
};

const ar: typeof en = {
  appName: 'Chat Desk',
  loading: 'جارٍ التحميل…',
  startFailed: 'تعذّر تشغيل التطبيق: {{message}}',
  retry: 'إعادة المحاولة',
  saveFailed: 'تعذّر حفظ التغيير: {{message}}',
  nav: {
    label: 'الأقسام',
    userManagement: 'إدارة المستخدمين',
    chatSessions: 'جلسات المحادثة',
    users: 'المستخدمون',
    orders: 'الطلبات',
    settings: 'الإعدادات',
    unreadBadge: 'رسائل غير مقروءة: {{count}}',
    toggle: 'إظهار الأقسام أو إخفاؤها',
  },
  connection: {
    label: 'حالة الاتصال',
    online: 'متصل',
    connecting: 'جارٍ الاتصال…',
    syncing: 'جارٍ المزامنة',
    syncingProgress: 'جارٍ المزامنة {{percent}}٪',
    offline: 'غير متصل',
    offlineSince: 'غير متصل منذ {{since}}',
    offlineJustNow: 'غير متصل منذ لحظات',
    signedOut: 'لم يتم تسجيل الدخول',
    pending: 'إجراءات معلّقة: {{count}}',
    lastSynced: 'آخر مزامنة {{when}}',
    resync: 'زامن الآن',
  },
  account: {
    signedInAs: 'مسجّل الدخول باسم {{name}} ({{role}})',
    signOut: 'تسجيل الخروج',
    signOutFailed: 'تعذّر تسجيل الخروج: {{message}}',
  },
  language: {
    label: 'لغة الواجهة',
  },
  pane: {
    label: 'المحادثة',
    close: 'إغلاق المحادثة',
    resize: 'تغيير عرض لوحة المحادثة',
  },
  toast: {
    actionFailed: 'رُفض إجراء: {{summary}}',
  },
  field: {
    tooLong: 'يجب ألا يتجاوز {{max}} حرف (الآن {{n}})',
  },
  pagination: {
    first: 'الصفحة الأولى',
    previous: 'الصفحة السابقة',
    next: 'الصفحة التالية',
    last: 'الصفحة الأخيرة',
  },
  roles: {
    agent: 'موظف دعم',
    moderator: 'مشرف',
    manager: 'مدير',
    admin: 'مسؤول',
  },
  dialog: {
    close: 'إغلاق',
  },
  orderStatus: {
    pending: 'قيد الانتظار',
    paid: 'مدفوع',
    shipped: 'تم الشحن',
    delivered: 'تم التسليم',
    cancelled: 'ملغى',
  },
};

registerStrings(NS, { en, ar });
