// Strings of the sign-in screen, English and Arabic.
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'account';

const en = {
  title: 'Sign in to Chat Desk',
  intro: 'Sign in with your staff account on the marketplace backend.',
  backendUrl: 'Backend URL',
  backendUrlHint: 'The address of the marketplace backend, such as https://chat.example.com',
  email: 'E-mail',
  password: 'Password',
  showPassword: 'Show or hide the password',
  submit: 'Sign in',
  demo: 'Demo mode: the demo account is filled in.',
  edition: '{{name}} {{version}} · {{edition}} edition',
  editions: { desktop: 'desktop', web: 'web' },
  errors: {
    required: 'Required',
    url: 'Enter an http:// or https:// address',
    email: 'Enter an e-mail address such as name@example.com',
    wrongCredentials: 'Wrong e-mail or password',
    unreachable: 'Cannot reach {{url}}: check the address and the network.',
    unreachableField: 'Cannot be reached',
    failed: 'Sign-in failed: {{message}}',
  },
};

const ar: typeof en = {
  title: 'تسجيل الدخول إلى Chat Desk',
  intro: 'سجّل الدخول بحساب الموظف على خادم المتجر.',
  backendUrl: 'عنوان الخادم',
  backendUrlHint: 'عنوان خادم المتجر، مثل https://chat.example.com',
  email: 'البريد الإلكتروني',
  password: 'كلمة المرور',
  showPassword: 'إظهار كلمة المرور أو إخفاؤها',
  submit: 'تسجيل الدخول',
  demo: 'الوضع التجريبي: بيانات الحساب التجريبي معبّأة.',
  edition: '{{name}} {{version}} · إصدار {{edition}}',
  editions: { desktop: 'سطح المكتب', web: 'الويب' },
  errors: {
    required: 'حقل مطلوب',
    url: 'أدخل عنوانًا يبدأ بـ http:// أو https://',
    email: 'أدخل بريدًا إلكترونيًا مثل name@example.com',
    wrongCredentials: 'البريد الإلكتروني أو كلمة المرور غير صحيحة',
    unreachable: 'تعذّر الوصول إلى {{url}}: تحقّق من العنوان ومن الشبكة.',
    unreachableField: 'لا يمكن الوصول إليه',
    failed: 'فشل تسجيل الدخول: {{message}}',
  },
};

registerStrings(NS, { en, ar });
