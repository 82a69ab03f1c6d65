// Strings of "Search messages" (B2), English and Arabic.
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'messageSearch';

const en = {
  nav: 'Search messages',
  title: 'Search messages',
  intro:
    'Finds words inside the messages of every conversation. Arabic spelling variants match: diacritics, tatweel and the forms of alef, yaa and taa marbuta.',
  label: 'Search in messages',
  placeholder: 'A word or a phrase, at least 2 characters',
  submit: 'Search',
  hint: 'Type at least 2 characters, then press Enter. Use the arrow keys to move through the results.',
  tooShort: 'Type at least 2 characters',
  searching: 'Searching…',
  results: 'Messages found',
  shown: 'Messages shown: {{count}}',
  more: 'Load more',
  none: 'No messages contain “{{q}}”',
  noneCache: 'No message saved on this computer contains “{{q}}”',
  cacheNotice:
    'Offline: these results come only from the messages saved on this computer. Messages of conversations not opened here are missing. Search again once online.',
  cacheTitle: 'Local search, partial',
  failed: 'The search failed: {{message}}',
  sender: { customer: 'Customer', seller: 'Seller', staff: 'Support' },
  from: '{{role}}: {{name}}',
  customer: 'Customer',
  seller: 'Seller',
  open: 'Open the conversation about {{product}}',
};

const ar: typeof en = {
  nav: 'البحث في الرسائل',
  title: 'البحث في الرسائل',
  intro:
    'يجد الكلمات داخل رسائل كل المحادثات. تتطابق صور الكتابة العربية: التشكيل والتطويل وأشكال الألف والياء والتاء المربوطة.',
  label: 'البحث في الرسائل',
  placeholder: 'كلمة أو عبارة، حرفان على الأقل',
  submit: 'بحث',
  hint: 'اكتب حرفين على الأقل ثم اضغط Enter. استخدم مفاتيح الأسهم للتنقل بين النتائج.',
  tooShort: 'اكتب حرفين على الأقل',
  searching: 'جارٍ البحث…',
  results: 'الرسائل التي وُجدت',
  shown: 'الرسائل المعروضة: {{count}}',
  more: 'عرض المزيد',
  none: 'لا توجد رسائل تحتوي على «{{q}}»',
  noneCache: 'لا توجد رسالة محفوظة على هذا الجهاز تحتوي على «{{q}}»',
  cacheNotice:
    'غير متصل: هذه النتائج من الرسائل المحفوظة على هذا الجهاز فقط، وتنقصها رسائل المحادثات التي لم تُفتح هنا. أعد البحث عند عودة الاتصال.',
  cacheTitle: 'بحث محلي جزئي',
  failed: 'تعذّر البحث: {{message}}',
  sender: { customer: 'العميل', seller: 'البائع', staff: 'الدعم' },
  from: '{{role}}: {{name}}',
  customer: 'العميل',
  seller: 'البائع',
  open: 'فتح المحادثة حول {{product}}',
};

registerStrings(NS, { en, ar });
