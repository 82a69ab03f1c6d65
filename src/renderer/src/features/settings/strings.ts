// Strings of the Settings page (F12, D4 pause, B5 language).
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'settings';

const en = {
  title: 'Settings',
  chat: {
    heading: 'Mobile app',
    label: 'Enable chat in the mobile app',
    on: 'On: customers and sellers can open conversations, read and send messages in the mobile app.',
    off: 'Off: the mobile app refuses every chat request with a clear error (chat is switched off by the marketplace). Staff tools here keep working: you can still read, answer, delete and export.',
    readOnly: 'Only a manager or an admin may change this (your role: {{role}}).',
    saved: 'Saved.',
    failed: 'Not changed: {{message}}',
    loadFailed: 'Could not load the settings: {{message}}',
  },
  notifications: {
    heading: 'Notifications',
    pause: 'Pause notifications',
    pauseHint: 'While paused no new notification is shown; the unread count still shows in the title and the badge.',
    browser: 'Browser notifications',
    granted: 'Allowed by the browser.',
    denied: 'Blocked by the browser: allow notifications for this site in the browser settings.',
    default: 'Not allowed yet.',
    unsupported: 'This browser cannot show notifications.',
    allow: 'Allow notifications',
    failed: 'Not changed: {{message}}',
    sound: 'Play a sound',
    which: 'Notify me about',
    whichOptions: {
      all: 'Every incoming message',
      newlyUnread: 'Only sessions that were all read',
      flagged: 'Only flagged messages',
    },
    quiet: 'Quiet hours',
    quietHint: 'No new notification between these times (the unread count still shows).',
    quietFrom: 'From',
    quietTo: 'To',
    quietInvalid: 'Two different times of day, as HH:MM',
    scopeMine: 'Only sessions assigned to me or unassigned',
    scopeMineHint:
      'Messages in sessions assigned to someone else do not notify. A session assigned to you by someone else always does.',
  },
  language: {
    heading: 'Language',
    label: 'Interface language',
  },
  appearance: {
    heading: 'Appearance',
    label: 'Light or dark',
    light: 'Light',
    dark: 'Dark',
    system: 'As the system',
  },
  startup: {
    heading: 'Start',
    openAtLogin: 'Open at login',
    startHidden: 'Start hidden in the tray',
    startHiddenHint: 'The window stays closed at start; open it from the tray icon.',
    unavailable: 'Open at login is available in the installed app.',
    failed: 'Not changed: {{message}}',
  },
};

const ar: typeof en = {
  title: 'الإعدادات',
  chat: {
    heading: 'تطبيق الجوال',
    label: 'تمكين المحادثة في تطبيق الجوال',
    on: 'مفعّلة: يستطيع العملاء والبائعون فتح المحادثات وقراءة الرسائل وإرسالها في تطبيق الجوال.',
    off: 'متوقفة: يرفض تطبيق الجوال كل طلب محادثة برسالة خطأ واضحة (أوقف السوق المحادثة). أدوات الموظفين هنا تعمل: يمكنك القراءة والرد والحذف والتصدير.',
    readOnly: 'لا يغيّر هذا إلا المدير أو المسؤول (دورك: {{role}}).',
    saved: 'تم الحفظ.',
    failed: 'لم يتغير: {{message}}',
    loadFailed: 'تعذّر تحميل الإعدادات: {{message}}',
  },
  notifications: {
    heading: 'الإشعارات',
    pause: 'إيقاف الإشعارات مؤقتًا',
    pauseHint: 'أثناء الإيقاف لا يظهر إشعار جديد؛ ويبقى عدد غير المقروء في العنوان والشارة.',
    browser: 'إشعارات المتصفح',
    granted: 'يسمح بها المتصفح.',
    denied: 'يحظرها المتصفح: اسمح بالإشعارات لهذا الموقع من إعدادات المتصفح.',
    default: 'لم يُسمح بها بعد.',
    unsupported: 'لا يستطيع هذا المتصفح عرض الإشعارات.',
    allow: 'السماح بالإشعارات',
    failed: 'لم يتغير: {{message}}',
    sound: 'تشغيل صوت',
    which: 'أبلغني عن',
    whichOptions: {
      all: 'كل رسالة واردة',
      newlyUnread: 'الجلسات التي كانت كلها مقروءة فقط',
      flagged: 'الرسائل المعلَّمة فقط',
    },
    quiet: 'ساعات الهدوء',
    quietHint: 'لا إشعارات جديدة بين هذين الوقتين (يبقى عدد غير المقروء ظاهرًا).',
    quietFrom: 'من',
    quietTo: 'إلى',
    quietInvalid: 'وقتان مختلفان من اليوم بصيغة HH:MM',
    scopeMine: 'الجلسات المسندة إليّ أو غير المسندة فقط',
    scopeMineHint: 'لا إشعار برسائل الجلسات المسندة إلى غيرك. أما الجلسة التي يسندها إليك غيرك فيصلك إشعار بها دائمًا.',
  },
  language: {
    heading: 'اللغة',
    label: 'لغة الواجهة',
  },
  appearance: {
    heading: 'المظهر',
    label: 'فاتح أو داكن',
    light: 'فاتح',
    dark: 'داكن',
    system: 'حسب النظام',
  },
  startup: {
    heading: 'بدء التشغيل',
    openAtLogin: 'الفتح عند تسجيل الدخول',
    startHidden: 'البدء مخفيًا في علبة النظام',
    startHiddenHint: 'تبقى النافذة مغلقة عند البدء؛ افتحها من أيقونة علبة النظام.',
    unavailable: 'الفتح عند تسجيل الدخول متاح في التطبيق المثبّت.',
    failed: 'لم يتغير: {{message}}',
  },
};

/** Both languages, for the tests that hold the interface to its words. */
export const settingsStrings = { en, ar };

registerStrings(NS, settingsStrings);
