// B11: every thing the seed document names is named in the Arabic interface with the seed's own Arabic words, and in
// the English interface with the product's English words (docs/FEATURES.md). The seed's words are written out here
// (the seed document itself is not part of the repository); each row names the seed line it comes from.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../src/renderer/src/app/strings.ts';
import '../../src/renderer/src/features/conversation/strings.ts';
import '../../src/renderer/src/features/export/strings.ts';
import '../../src/renderer/src/features/orders/strings.ts';
import '../../src/renderer/src/features/sessions/strings.ts';
import '../../src/renderer/src/features/settings/strings.ts';
import '../../src/renderer/src/features/users/strings.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';

/** [what the seed names, namespace, key, English, the seed's Arabic] */
const SEED_WORDS: Array<[string, string, string, string, string]> = [
  // «انقر على الأقسام ← إدارة المستخدمين ← جلسات المحادثة»
  ['sections', 'app', 'nav.label', 'Sections', 'الأقسام'],
  ['user management', 'app', 'nav.userManagement', 'User Management', 'إدارة المستخدمين'],
  ['the section (F1)', 'app', 'nav.chatSessions', 'Chat Sessions', 'جلسات المحادثة'],
  ['the list heading (F2)', 'sessions', 'title', 'Chat Sessions', 'جلسات المحادثة'],
  // «إذا لم توجد جلسات محادثة، سترى رسالة "لا توجد جلسات محادثة"»
  ['the empty list (F2)', 'sessions', 'empty', 'No chat sessions', 'لا توجد جلسات محادثة'],
  // «أعمدة الجدول»
  ['column product (F3)', 'sessions', 'columns.product', 'Product', 'المنتج'],
  ['column customer (F3)', 'sessions', 'columns.customer', 'Customer', 'العميل'],
  ['column seller (F3)', 'sessions', 'columns.seller', 'Seller', 'البائع'],
  ['column messages count (F3)', 'sessions', 'columns.messagesCount', 'Messages count', 'عدد الرسائل'],
  ['column unread count (F3)', 'sessions', 'columns.unreadCount', 'Unread count', 'الرسائل غير المقروءة'],
  ['column last message (F3)', 'sessions', 'columns.lastMessageAt', 'Last message', 'آخر رسالة'],
  ['column created at (F3)', 'sessions', 'columns.createdAt', 'Created at', 'تاريخ الإنشاء'],
  ['column updated at (F3)', 'sessions', 'columns.updatedAt', 'Updated at', 'تاريخ التحديث'],
  // «الفلاتر — انقر على زر تصفية»
  ['the filters button (F6)', 'sessions', 'filters.title', 'Filters', 'تصفية'],
  ['customer filter (F6)', 'sessions', 'filters.customer', 'Customer', 'العميل'],
  ['seller filter (F6)', 'sessions', 'filters.seller', 'Seller', 'البائع'],
  ['product filter (F6)', 'sessions', 'filters.product', 'Product', 'المنتج'],
  ['has unread toggle (F6)', 'sessions', 'filters.hasUnread', 'Has unread messages', 'يوجد رسائل غير مقروءة'],
  ['recent toggle (F6)', 'sessions', 'filters.recent', 'Recent activity (last 7 days)', 'النشاط الأخير (آخر 7 أيام)'],
  // «إجراءات الصف»
  ['row action view (F7)', 'sessions', 'actions.view', 'View conversation', 'عرض المحادثة'],
  ['row action manage (F7)', 'sessions', 'actions.manage', 'Manage messages', 'إدارة الرسائل'],
  ['row action edit (F7)', 'sessions', 'actions.edit', 'Edit', 'تعديل'],
  ['row action delete (F7)', 'sessions', 'actions.delete', 'Delete', 'حذف'],
  ['the preview dialog (F7)', 'conversation', 'preview.title', 'View conversation', 'عرض المحادثة'],
  // «الإجراءات الجماعية»
  ['bulk mark read (F8)', 'sessions', 'bulk.markRead', 'Mark all messages read', 'تعليم جميع الرسائل كمقروءة'],
  ['bulk delete (F8)', 'sessions', 'bulk.delete', 'Delete selected', 'حذف المحدد'],
  ['bulk export (F8)', 'sessions', 'bulk.exportSlot', 'Export', 'تصدير'],
  ['export (F8)', 'export', 'export', 'Export', 'تصدير'],
  // «تفاصيل جلسة المحادثة» — the form (F9)
  ['form product (F9)', 'sessions', 'form.product', 'Product', 'المنتج'],
  ['form customer (F9)', 'sessions', 'form.customer', 'Customer', 'العميل'],
  ['form seller (F9)', 'sessions', 'form.seller', 'Seller', 'البائع'],
  ['form last message at (F9)', 'sessions', 'form.lastMessageAt', 'Last message at', 'آخر رسالة في'],
  ['form create (F9)', 'sessions', 'form.create', 'Create', 'إنشاء'],
  ['form create another (F9)', 'sessions', 'form.createAnother', 'Create & create another', 'إنشاء وإنشاء آخر'],
  ['form cancel (F9)', 'sessions', 'form.cancel', 'Cancel', 'إلغاء'],
  // «إدارة رسائل المحادثة» (F10)
  ['the messages page (F10)', 'conversation', 'page.title', 'Manage messages', 'إدارة رسائل المحادثة'],
  ['message content (F10)', 'conversation', 'page.content', 'Message content', 'محتوى الرسالة'],
  ['mark all read (F10)', 'conversation', 'markAllRead', 'Mark all messages read', 'تعليم جميع الرسائل كمقروءة'],
  // «تمكين المحادثة في تطبيق الجوال» (F12)
  ['the setting (F12)', 'settings', 'chat.label', 'Enable chat in the mobile app', 'تمكين المحادثة في تطبيق الجوال'],
  // «الأقسام ذات الصلة: المستخدمون، الطلبات» (F13)
  ['related users (F13)', 'app', 'nav.users', 'Users', 'المستخدمون'],
  ['related orders (F13)', 'app', 'nav.orders', 'Orders', 'الطلبات'],
  ['users page (F13)', 'users', 'title', 'Users', 'المستخدمون'],
  ['orders page (F13)', 'orders', 'title', 'Orders', 'الطلبات'],
];

beforeAll(() => {
  initI18n('en');
});

describe("the seed's words (B11)", () => {
  it.each(SEED_WORDS)('%s: %s.%s', (_what, ns, key, english, arabic) => {
    expect(i18next.getFixedT('en', ns)(key)).toBe(english);
    expect(i18next.getFixedT('ar', ns)(key)).toBe(arabic);
  });

  it('calls chat «محادثة» everywhere in Arabic, never «دردشة», and filters «فلاتر»/«تصفية», never «مرشحات»', () => {
    const arabic = JSON.stringify(i18next.store.data.ar);
    expect(arabic.length).toBeGreaterThan(1000);
    expect(arabic).not.toMatch(/دردشة/);
    expect(arabic).not.toMatch(/مرشح/);
  });
});
