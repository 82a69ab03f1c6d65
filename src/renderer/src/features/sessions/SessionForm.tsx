// Create (F9) and edit (F7) a chat session: product, customer, seller (searchable, preloaded; a product proposes its
// seller) and the last message time (date-time picker, default now, shown m/d/Y h:i:s AM/PM). Errors stand on their
// field, whether this form or the core found them.
import '@mantine/dates/styles.css';
import 'dayjs/locale/ar';
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { DatesProvider, DateTimePicker } from '@mantine/dates';
import type { Session } from '@shared/domain.ts';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BridgeError, callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { PartySelect } from './PartySelect.tsx';
import { NS } from './strings.ts';
import { toast } from './toast.ts';

/** How the picker shows the time: m/d/Y h:i:s AM/PM (F9). */
export const DATE_TIME_FORMAT = 'MM/DD/YYYY hh:mm:ss A';
const PICKER_VALUE = 'YYYY-MM-DD HH:mm:ss';

export interface SessionFormValues {
  productId: string | null;
  customerId: string | null;
  sellerId: string | null;
  /** The picker's local date-time (YYYY-MM-DD HH:mm:ss). */
  lastMessageAt: string | null;
}

export type SessionFormField = keyof SessionFormValues;
export type SessionFormErrors = Partial<Record<SessionFormField, string>>;

export function emptyValues(now = new Date()): SessionFormValues {
  return { productId: null, customerId: null, sellerId: null, lastMessageAt: dayjs(now).format(PICKER_VALUE) };
}

export function valuesOf(session: Session): SessionFormValues {
  return {
    productId: session.product.id,
    customerId: session.customer.id,
    sellerId: session.seller.id,
    lastMessageAt: dayjs(session.lastMessageAt).format(PICKER_VALUE),
  };
}

/** The checks made before asking the core: every field present, a real date, two different people. */
export function validateSessionForm(values: SessionFormValues, t: (key: string) => string): SessionFormErrors {
  const errors: SessionFormErrors = {};
  if (!values.productId) errors.productId = t('form.required');
  if (!values.customerId) errors.customerId = t('form.required');
  if (!values.sellerId) errors.sellerId = t('form.required');
  if (!values.lastMessageAt) errors.lastMessageAt = t('form.required');
  else if (!dayjs(values.lastMessageAt).isValid()) errors.lastMessageAt = t('form.invalidDate');
  if (values.customerId && values.sellerId && values.customerId === values.sellerId) {
    errors.sellerId = t('form.sameParty');
  }
  return errors;
}

/** The core's `fields` (productId, customerId, sellerId, lastMessageAt, or `patch.x`) onto this form's fields. */
export function fieldErrorsFrom(error: unknown): SessionFormErrors {
  if (!(error instanceof BridgeError) || !error.info.fields) return {};
  const out: SessionFormErrors = {};
  for (const [path, reason] of Object.entries(error.info.fields)) {
    const field = path.split('.').pop() as SessionFormField;
    if (field === 'productId' || field === 'customerId' || field === 'sellerId' || field === 'lastMessageAt') {
      out[field] = reason;
    }
  }
  return out;
}

export interface SessionFormProps {
  opened: boolean;
  /** The session to edit; null to create one. */
  session: Session | null;
  onClose(): void;
  /** After a save: `stay` is true for "Create & create another". */
  onSaved(session: Session, stay: boolean): void;
}

export function SessionFormModal(props: SessionFormProps) {
  const { t } = useTranslation(NS);
  const editing = props.session !== null;
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={editing ? t('form.editTitle') : t('form.createTitle')}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      {props.opened && (
        <SessionFormBody
          session={props.session}
          onClose={props.onClose}
          onSaved={props.onSaved}
          key={props.session?.id ?? 'new'}
        />
      )}
    </Modal>
  );
}

interface Labels {
  product?: string;
  customer?: string;
  seller?: string;
}

export function SessionFormBody({ session, onClose, onSaved }: Omit<SessionFormProps, 'opened'>) {
  const { t, i18n } = useTranslation(NS);
  const [values, setValues] = useState<SessionFormValues>(() => (session ? valuesOf(session) : emptyValues()));
  const [labels, setLabels] = useState<Labels>(() =>
    session ? { product: session.product.name, customer: session.customer.name, seller: session.seller.name } : {},
  );
  const [errors, setErrors] = useState<SessionFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'create' | 'another' | null>(null);
  // A new form each time "Create & create another" saved: the dropdowns forget their text too.
  const [round, setRound] = useState(0);

  const set = <K extends SessionFormField>(field: K, value: SessionFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (stay: boolean) => {
    const found = validateSessionForm(values, t);
    setErrors(found);
    setFormError(null);
    if (Object.values(found).some(Boolean)) return;
    setBusy(stay ? 'another' : 'create');
    const input = {
      productId: values.productId as string,
      customerId: values.customerId as string,
      sellerId: values.sellerId as string,
      lastMessageAt: dayjs(values.lastMessageAt).toISOString(),
    };
    try {
      const saved = session
        ? await callBridge('sessions.update', { id: session.id, patch: input })
        : await callBridge('sessions.create', input);
      toast('green', session ? t('form.updated') : t('form.created'));
      onSaved(saved, stay);
      if (stay) {
        setValues(emptyValues());
        setLabels({});
        setRound((r) => r + 1);
      }
    } catch (error) {
      const fields = fieldErrorsFrom(error);
      setErrors(fields);
      setFormError(t('form.failed', { message: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <DatesProvider settings={{ locale: i18n.language === 'ar' ? 'ar' : 'en' }}>
      <form
        data-testid="session-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <Stack gap="sm" key={round}>
          {formError && (
            <Alert color="red" role="alert" data-testid="session-form-error">
              {formError}
            </Alert>
          )}
          <PartySelect
            kind="product"
            label={t('form.product')}
            value={values.productId}
            valueLabel={labels.product}
            required
            error={errors.productId}
            testId="form-product"
            onChange={(id, option) => {
              set('productId', id);
              setLabels((l) => ({ ...l, product: option?.label }));
              // The product's owner is proposed as the seller (F9).
              if (option?.sellerId) {
                set('sellerId', option.sellerId);
                setLabels((l) => ({ ...l, seller: option.hint }));
              }
            }}
          />
          <PartySelect
            kind="customer"
            label={t('form.customer')}
            value={values.customerId}
            valueLabel={labels.customer}
            required
            error={errors.customerId}
            testId="form-customer"
            onChange={(id, option) => {
              set('customerId', id);
              setLabels((l) => ({ ...l, customer: option?.label }));
            }}
          />
          <PartySelect
            kind="seller"
            label={t('form.seller')}
            value={values.sellerId}
            valueLabel={labels.seller}
            required
            error={errors.sellerId}
            testId="form-seller"
            onChange={(id, option) => {
              set('sellerId', id);
              setLabels((l) => ({ ...l, seller: option?.label }));
            }}
          />
          <DateTimePicker
            label={t('form.lastMessageAt')}
            aria-label={t('form.lastMessageAt')}
            value={values.lastMessageAt}
            onChange={(value) => set('lastMessageAt', value)}
            valueFormat={DATE_TIME_FORMAT}
            withSeconds
            required
            error={errors.lastMessageAt}
            data-testid="form-last-message-at"
            popoverProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} disabled={busy !== null}>
              {t('form.cancel')}
            </Button>
            {!session && (
              <Button
                variant="light"
                loading={busy === 'another'}
                disabled={busy !== null}
                onClick={() => void submit(true)}
              >
                {t('form.createAnother')}
              </Button>
            )}
            <Button type="submit" loading={busy === 'create'} disabled={busy !== null}>
              {session ? t('form.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </DatesProvider>
  );
}
