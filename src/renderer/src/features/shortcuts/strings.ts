// Strings of the keyboard shortcut help (B6), English and Arabic.
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'shortcuts';

const en = {
  title: 'Keyboard shortcuts',
  hint: 'Press ? to see this list',
  or: 'or',
  groups: {
    everywhere: 'Everywhere',
    sessions: 'Chat sessions',
    conversation: 'Reply box',
    moderation: 'Review queue',
    dialogs: 'Dialogs',
  },
  actions: {
    help: 'Show the keyboard shortcuts',
    search: 'Search the sessions',
    moveRows: 'Move through the rows',
    openPreview: 'View the conversation of the row in focus',
    nextUnread: 'Next session with unread messages',
    markRead: 'Mark all messages of the session read',
    reply: 'Reply in the conversation pane',
    assignToMe: 'Assign the session to me',
    resolve: 'Resolve the session (reopen a resolved one)',
    snooze: 'Snooze the session until tomorrow 9:00',
    deleteSession: 'Delete the session (after confirmation)',
    send: 'Send the reply',
    newLine: 'Start a new line',
    moderationDismiss: 'Dismiss the item: the message stays',
    moderationRemove: 'Remove the message with the chosen reason',
    moderationRestore: 'Restore the removed message',
    close: 'Close the dialog or the menu',
  },
  noUnread: 'No session below this one has unread messages',
};

const ar: typeof en = {
  title: 'اختصارات لوحة المفاتيح',
  hint: 'اضغط ? لعرض هذه القائمة',
  or: 'أو',
  groups: {
    everywhere: 'في كل مكان',
    sessions: 'جلسات المحادثة',
    conversation: 'مربع الرد',
    moderation: 'قائمة المراجعة',
    dialogs: 'النوافذ الحوارية',
  },
  actions: {
    help: 'عرض اختصارات لوحة المفاتيح',
    search: 'البحث في الجلسات',
    moveRows: 'التنقل بين الصفوف',
    openPreview: 'عرض المحادثة للصف المحدد',
    nextUnread: 'الجلسة التالية التي بها رسائل غير مقروءة',
    markRead: 'تعليم جميع رسائل الجلسة كمقروءة',
    reply: 'الرد في لوحة المحادثة',
    assignToMe: 'إسناد الجلسة إليّ',
    resolve: 'حلّ الجلسة (أو إعادة فتح المحلولة)',
    snooze: 'تأجيل الجلسة حتى الغد 9:00',
    deleteSession: 'حذف الجلسة (بعد التأكيد)',
    send: 'إرسال الرد',
    newLine: 'بدء سطر جديد',
    moderationDismiss: 'تجاهل البلاغ: تبقى الرسالة',
    moderationRemove: 'إزالة الرسالة بالسبب المختار',
    moderationRestore: 'استعادة الرسالة المُزالة',
    close: 'إغلاق النافذة أو القائمة',
  },
  noUnread: 'لا توجد جلسة بعد هذه بها رسائل غير مقروءة',
};

/** Both languages, for the tests that hold the interface to its words. */
export const shortcutStrings = { en, ar };

registerStrings(NS, shortcutStrings);
