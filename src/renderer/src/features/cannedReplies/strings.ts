// Strings of the canned replies' management (B10), under Settings. The Arabic words follow the conversation's
// («الردود الجاهزة», «الاختصار»).
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'cannedReplies';

/** The placeholders as the texts name them (passed as a value: i18next would fill `{{customer}}` itself). */
export const PLACEHOLDER_LIST = '{{customer}}, {{seller}}, {{product}}, {{agent}}';

const en = {
  heading: 'Canned replies',
  intro:
    'Agents pick these in the reply box by typing # and the shortcut. The text may hold {{list}}, filled when used.',
  readOnly: 'Only a manager or an admin may change them (your role: {{role}}).',
  none: 'No canned replies yet',
  loadFailed: 'Could not load the canned replies: {{message}}',
  add: 'New canned reply',
  edit: 'Edit',
  delete: 'Delete',
  columns: { shortcut: 'Shortcut', title: 'Title', language: 'Language', body: 'Text', actions: 'Actions' },
  languages: { en: 'English', ar: 'Arabic' },
  form: {
    newTitle: 'New canned reply',
    editTitle: 'Edit #{{shortcut}}',
    shortcut: 'Shortcut',
    shortcutHint: 'Typed after # in the reply box: letters, digits, _ or -',
    title: 'Title',
    language: 'Language',
    body: 'Text',
    bodyHint: 'May hold {{list}}',
    save: 'Save',
    cancel: 'Cancel',
  },
  errors: {
    required: 'Required',
    tooLong: 'At most {{max}} characters',
    shortcutChars: 'Letters, digits, _ or - only (no spaces, no #)',
    shortcutTaken: 'Another canned reply in this language has this shortcut',
    placeholders: 'Unknown placeholder {{found}}: only {{list}}',
    failed: 'Not saved: {{message}}',
  },
  confirmDelete: {
    title: 'Delete the canned reply #{{shortcut}}?',
    body: 'The canned reply #{{shortcut}} “{{title}}” ({{language}}) will be deleted for every agent. Messages already sent with it stay as they are.',
    confirm: 'Delete',
  },
  saved: 'Saved',
  deleted: 'Canned reply #{{shortcut}} deleted',
};

const ar: typeof en = {
  heading: 'الردود الجاهزة',
  intro: 'يختارها الموظفون في مربع الرد بكتابة # ثم الاختصار. قد يحوي النص {{list}}، وتُملأ عند الاستخدام.',
  readOnly: 'لا يغيّرها إلا مدير أو مسؤول النظام (دورك: {{role}}).',
  none: 'لا ردود جاهزة بعد',
  loadFailed: 'تعذّر تحميل الردود الجاهزة: {{message}}',
  add: 'رد جاهز جديد',
  edit: 'تعديل',
  delete: 'حذف',
  columns: { shortcut: 'الاختصار', title: 'العنوان', language: 'اللغة', body: 'النص', actions: 'الإجراءات' },
  languages: { en: 'الإنجليزية', ar: 'العربية' },
  form: {
    newTitle: 'رد جاهز جديد',
    editTitle: 'تعديل #{{shortcut}}',
    shortcut: 'الاختصار',
    shortcutHint: 'يُكتب بعد # في مربع الرد: حروف أو أرقام أو _ أو -',
    title: 'العنوان',
    language: 'اللغة',
    body: 'النص',
    bodyHint: 'قد يحوي {{list}}',
    save: 'حفظ',
    cancel: 'إلغاء',
  },
  errors: {
    required: 'مطلوب',
    tooLong: '{{max}} حرفًا على الأكثر',
    shortcutChars: 'حروف أو أرقام أو _ أو - فقط (بلا مسافات ولا #)',
    shortcutTaken: 'لرد جاهز آخر بهذه اللغة الاختصار نفسه',
    placeholders: 'عنصر نائب غير معروف {{found}}: المسموح {{list}} فقط',
    failed: 'لم يُحفظ: {{message}}',
  },
  confirmDelete: {
    title: 'حذف الرد الجاهز #{{shortcut}}؟',
    body: 'سيُحذف الرد الجاهز #{{shortcut}} «{{title}}» ({{language}}) لكل الموظفين. تبقى الرسائل التي أُرسلت به كما هي.',
    confirm: 'حذف',
  },
  saved: 'حُفظ',
  deleted: 'حُذف الرد الجاهز #{{shortcut}}',
};

registerStrings(NS, { en, ar });
