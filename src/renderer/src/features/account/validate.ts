// The sign-in form's own checks (before the core is asked) and the mapping of the core's refusal onto the form:
// field errors under their fields, an unreachable backend as an alert. Messages are i18n keys of the 'account'
// namespace so they show in the interface language.
import type { ErrorInfo } from '@shared/errors.ts';

export interface SignInValues {
  backendUrl: string;
  email: string;
  password: string;
}
export type SignInField = keyof SignInValues;
/** A message to show: an i18n key with its values, or a text from the core as it is. */
export type FormMessage = { key: string; values?: Record<string, unknown> } | { text: string };
export type SignInErrors = Partial<Record<SignInField, FormMessage>>;

const FIELDS: SignInField[] = ['backendUrl', 'email', 'password'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateSignIn(values: SignInValues): SignInErrors {
  const errors: SignInErrors = {};
  const url = values.backendUrl.trim();
  if (!url) errors.backendUrl = { key: 'errors.required' };
  else {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || !parsed.hostname) errors.backendUrl = { key: 'errors.url' };
  }
  const email = values.email.trim();
  if (!email) errors.email = { key: 'errors.required' };
  else if (!EMAIL.test(email)) errors.email = { key: 'errors.email' };
  if (!values.password) errors.password = { key: 'errors.required' };
  return errors;
}

export interface SignInRefusal {
  fields: SignInErrors;
  /** Shown above the form (the backend cannot be reached, or a refusal no field explains). */
  alert: FormMessage | null;
}

/** Where the core's refusal of 'account.signIn' goes on the form. */
export function refusalOnForm(error: ErrorInfo, backendUrl: string): SignInRefusal {
  if (error.code === 'offline') {
    return {
      fields: { backendUrl: { key: 'errors.unreachableField' } },
      alert: { key: 'errors.unreachable', values: { url: backendUrl.trim() } },
    };
  }
  if (error.code === 'unauthenticated') {
    return { fields: { password: { key: 'errors.wrongCredentials' } }, alert: null };
  }
  const fields: SignInErrors = {};
  for (const [path, reason] of Object.entries(error.fields ?? {})) {
    const field = FIELDS.find((f) => path === f || path.startsWith(`${f}.`));
    if (field && !fields[field]) fields[field] = { text: reason };
  }
  const named = Object.keys(fields).length > 0;
  return { fields, alert: named ? null : { key: 'errors.failed', values: { message: error.message } } };
}
