// The desktop shell's own words (B5) in English and Arabic: the tray's menu and tooltip, the taskbar overlay's
// description, the native toasts, the application menu and the shell's dialogs. Kept here, free of `electron`,
// because the notify policy composes the tooltip and the toasts; src/main/electron takes the rest from here. The
// words follow the renderer's strings (the app's name stays 'Chat Desk' in Arabic, 'Pause notifications' is
// 'إيقاف الإشعارات مؤقتًا', chat sessions are 'جلسات المحادثة'). Counts take the language's plural forms
// (Intl.PluralRules: Arabic has zero, one, two, few, many and other) and Western digits, as the renderer writes them.
import type { Locale } from '../../../shared/bridge.ts';

export const APP_NAME = 'Chat Desk';

/** A counted phrase: one text per plural category; `zero` serves 0 in every language, `other` the rest. */
type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const pluralRules: Record<Locale, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  ar: new Intl.PluralRules('ar'),
};

/** The form of `forms` for `count` in `locale`, with `{n}` replaced by the count. */
export function plural(locale: Locale, count: number, forms: PluralForms): string {
  const form = count === 0 && forms.zero ? forms.zero : (forms[pluralRules[locale].select(count)] ?? forms.other);
  return form.replaceAll('{n}', String(count));
}

/** Menu roles whose label the shell writes (Electron's defaults are English only). */
export type ShellMenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'startSpeaking'
  | 'stopSpeaking'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit';

export interface ShellStrings {
  /** 'no unread messages', '1 unread message', '3 unread messages'. */
  unread(count: number): string;
  /** The overlay's description above 99 ('99+ unread messages'). */
  unreadCapped: string;
  /** The tray tooltip from the unread phrase. */
  tooltip(unread: string, paused: boolean): string;
  toast: {
    /** One message of one conversation. */
    one(sender: string, product: string): string;
    /** Several messages of one conversation. */
    sameSession(count: number, product: string): string;
    /** A busy batch: one summary toast. */
    group(messages: number, sessions: number): string;
    /** The body naming the newest message's sender. */
    latest(sender: string, body: string): string;
    /** B10: sessions someone assigned to the person (by: their name, null when the desk does not know it). */
    assigned(count: number, by: string | null): string;
  };
  tray: { open: string; pause: string; pauseHour: string; pauseTomorrow: string; quit: string };
  menu: {
    about: string;
    closeToTray: string;
    startHidden: string;
    autoUpdate: string;
    pause: string;
    hideToTray: string;
    file: string;
    edit: string;
    view: string;
    desk: string;
    window: string;
    help: string;
    speech: string;
    openLog: string;
    showLogFolder: string;
    checkForUpdates: string;
    /** Labels of Electron's roles; a role left out keeps Electron's own (English) label. */
    roles: Partial<Record<ShellMenuRole, string>>;
  };
  dialogs: {
    aboutTitle: string;
    updateReady(version: string): string;
    updateDetail: string;
    restartAndInstall: string;
    later: string;
    /** The export save dialog's title when the core gives none. */
    exportTitle: string;
  };
}

const en: ShellStrings = {
  unread: (count) =>
    plural('en', count, { zero: 'no unread messages', one: '1 unread message', other: '{n} unread messages' }),
  unreadCapped: '99+ unread messages',
  tooltip: (unread, paused) => `${APP_NAME} — ${unread}${paused ? ' (notifications paused)' : ''}`,
  toast: {
    one: (sender, product) => `${sender} — ${product}`,
    sameSession: (count, product) =>
      `${plural('en', count, { one: '1 new message', other: '{n} new messages' })} — ${product}`,
    group: (messages, sessions) =>
      `${plural('en', messages, { one: '1 new message', other: '{n} new messages' })} in ${plural('en', sessions, {
        one: '1 conversation',
        other: '{n} conversations',
      })}`,
    latest: (sender, body) => `${sender}: ${body}`,
    assigned: (count, by) =>
      `${plural('en', count, { one: 'Session', other: '{n} sessions' })} assigned to you${by ? ` by ${by}` : ''}`,
  },
  tray: {
    open: `Open ${APP_NAME}`,
    pause: 'Pause notifications',
    pauseHour: 'Pause for 1 hour',
    pauseTomorrow: 'Pause until tomorrow',
    quit: `Quit ${APP_NAME}`,
  },
  menu: {
    about: `About ${APP_NAME}`,
    closeToTray: 'Keep Running in the Tray When Closed',
    startHidden: 'Start Hidden in the Tray',
    autoUpdate: 'Check for Updates Automatically',
    pause: 'Pause Notifications',
    hideToTray: 'Hide to Tray',
    file: '&File',
    edit: '&Edit',
    view: '&View',
    desk: '&Desk',
    window: '&Window',
    help: '&Help',
    speech: 'Speech',
    openLog: 'Open Log File',
    showLogFolder: 'Show Log Folder',
    checkForUpdates: 'Check for Updates…',
    roles: {},
  },
  dialogs: {
    aboutTitle: `About ${APP_NAME}`,
    updateReady: (version) => `${APP_NAME} ${version} is ready to install.`,
    updateDetail: 'The app restarts to finish. Unsent actions stay queued and are sent after the restart.',
    restartAndInstall: 'Restart and Install',
    later: 'Later',
    exportTitle: 'Export chat sessions',
  },
};

const ar: ShellStrings = {
  unread: (count) =>
    plural('ar', count, {
      zero: 'لا رسائل غير مقروءة',
      one: 'رسالة واحدة غير مقروءة',
      two: 'رسالتان غير مقروءتين',
      few: '{n} رسائل غير مقروءة',
      many: '{n} رسالة غير مقروءة',
      other: '{n} رسالة غير مقروءة',
    }),
  unreadCapped: 'أكثر من 99 رسالة غير مقروءة',
  tooltip: (unread, paused) => `${APP_NAME} — ${unread}${paused ? ' (الإشعارات متوقفة مؤقتًا)' : ''}`,
  toast: {
    one: (sender, product) => `${sender} — ${product}`,
    sameSession: (count, product) => `${newMessages(count)} — ${product}`,
    group: (messages, sessions) =>
      `${newMessages(messages)} في ${plural('ar', sessions, {
        one: 'محادثة واحدة',
        two: 'محادثتين',
        few: '{n} محادثات',
        many: '{n} محادثة',
        other: '{n} محادثة',
      })}`,
    latest: (sender, body) => `${sender}: ${body}`,
    assigned: (count, by) =>
      `${plural('ar', count, {
        one: 'أُسندت إليك جلسة',
        two: 'أُسندت إليك جلستان',
        few: 'أُسندت إليك {n} جلسات',
        many: 'أُسندت إليك {n} جلسة',
        other: 'أُسندت إليك {n} جلسة',
      })}${by ? ` من ${by}` : ''}`,
  },
  tray: {
    open: `فتح ${APP_NAME}`,
    pause: 'إيقاف الإشعارات مؤقتًا',
    pauseHour: 'إيقاف لمدة ساعة',
    pauseTomorrow: 'إيقاف حتى الغد',
    quit: `إنهاء ${APP_NAME}`,
  },
  menu: {
    about: `حول ${APP_NAME}`,
    closeToTray: 'البقاء في علبة النظام عند الإغلاق',
    startHidden: 'البدء مخفيًا في علبة النظام',
    autoUpdate: 'البحث عن التحديثات تلقائيًا',
    pause: 'إيقاف الإشعارات مؤقتًا',
    hideToTray: 'الإخفاء في علبة النظام',
    file: '&ملف',
    edit: '&تحرير',
    view: '&عرض',
    desk: '&المكتب',
    window: '&نافذة',
    help: '&مساعدة',
    speech: 'الكلام',
    openLog: 'فتح ملف السجل',
    showLogFolder: 'إظهار مجلد السجل',
    checkForUpdates: 'البحث عن تحديثات…',
    roles: {
      undo: 'تراجع',
      redo: 'إعادة',
      cut: 'قص',
      copy: 'نسخ',
      paste: 'لصق',
      pasteAndMatchStyle: 'لصق بمطابقة النمط',
      delete: 'حذف',
      selectAll: 'تحديد الكل',
      startSpeaking: 'بدء القراءة بصوت عالٍ',
      stopSpeaking: 'إيقاف القراءة',
      reload: 'إعادة التحميل',
      toggleDevTools: 'أدوات المطوّر',
      resetZoom: 'الحجم الفعلي',
      zoomIn: 'تكبير',
      zoomOut: 'تصغير',
      togglefullscreen: 'ملء الشاشة',
      minimize: 'تصغير النافذة',
      zoom: 'تكبير النافذة',
      front: 'إحضار الكل إلى الأمام',
      close: 'إغلاق النافذة',
      services: 'الخدمات',
      hide: `إخفاء ${APP_NAME}`,
      hideOthers: 'إخفاء الآخرين',
      unhide: 'إظهار الكل',
      quit: `إنهاء ${APP_NAME}`,
    },
  },
  dialogs: {
    aboutTitle: `حول ${APP_NAME}`,
    updateReady: (version) => `${APP_NAME} ${version} جاهز للتثبيت.`,
    updateDetail: 'يُعاد تشغيل التطبيق لإكمال التثبيت. تبقى الإجراءات غير المرسلة في الانتظار وتُرسل بعد إعادة التشغيل.',
    restartAndInstall: 'إعادة التشغيل والتثبيت',
    later: 'لاحقًا',
    exportTitle: 'تصدير جلسات المحادثة',
  },
};

function newMessages(count: number): string {
  return plural('ar', count, {
    zero: 'لا رسائل جديدة',
    one: 'رسالة جديدة واحدة',
    two: 'رسالتان جديدتان',
    few: '{n} رسائل جديدة',
    many: '{n} رسالة جديدة',
    other: '{n} رسالة جديدة',
  });
}

const tables: Record<Locale, ShellStrings> = { en, ar };

export function shellStrings(locale: Locale): ShellStrings {
  return tables[locale];
}
