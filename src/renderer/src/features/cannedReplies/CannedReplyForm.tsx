// The form of a canned reply (B10): shortcut, title, language and text, checked here as the contract checks them so
// each problem shows on its field in the interface's language before anything is sent; what the core refuses after
// (a shortcut another reply of the language took) shows on its field too.
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { MAX_CANNED_SHORTCUT } from '@shared/api.ts';
import { unknownPlaceholders } from '@shared/cannedReplies.ts';
import type { CannedReply, CannedReplyLanguage } from '@shared/domain.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BridgeError, callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { NS, PLACEHOLDER_LIST } from './strings.ts';

type Field = 'shortcut' | 'title' | 'body' | 'language';
type Values = Record<Field, string>;
type Errors = Partial<Record<Field, string>>;

const MAX_TITLE = 200;

/** Each field's problem, in the interface's language (the contract's rules, src/shared/api.ts). */
type Translate = (key: string, options?: Record<string, unknown>) => string;

function check(values: Values, t: Translate): Errors {
  const errors: Errors = {};
  const shortcut = values.shortcut.trim();
  if (!shortcut) errors.shortcut = t('errors.required');
  else if (shortcut.length > MAX_CANNED_SHORTCUT) errors.shortcut = t('errors.tooLong', { max: MAX_CANNED_SHORTCUT });
  else if (!/^[\p{L}\p{N}_-]+$/u.test(shortcut)) errors.shortcut = t('errors.shortcutChars');
  const title = values.title.trim();
  if (!title) errors.title = t('errors.required');
  else if (title.length > MAX_TITLE) errors.title = t('errors.tooLong', { max: MAX_TITLE });
  if (!values.body.trim()) errors.body = t('errors.required');
  else {
    const unknown = unknownPlaceholders(values.body);
    if (unknown.length > 0)
      errors.body = t('errors.placeholders', { found: unknown.join(', '), list: PLACEHOLDER_LIST });
  }
  return errors;
}

/** The core's refusal on this form's fields (`shortcut` or `patch.shortcut`); null when it names none of them. */
function fieldErrors(error: unknown, t: Translate): Errors | null {
  if (!(error instanceof BridgeError) || !error.info.fields) return null;
  const errors: Errors = {};
  for (const [path, reason] of Object.entries(error.info.fields)) {
    const field = path.replace(/^patch\./, '') as Field;
    if (!['shortcut', 'title', 'body', 'language'].includes(field)) continue;
    errors[field] = field === 'shortcut' && error.info.code === 'conflict' ? t('errors.shortcutTaken') : reason;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

export function CannedReplyForm({
  reply,
  defaultLanguage,
  onClose,
  onSaved,
}: {
  /** The reply to edit; null for a new one. */
  reply: CannedReply | null;
  defaultLanguage: CannedReplyLanguage;
  onClose(): void;
  onSaved(): void;
}) {
  const { t: translate } = useTranslation(NS);
  const t: Translate = (key, options) => translate(key, options ?? {});
  const [values, setValues] = useState<Values>(() => ({
    shortcut: reply?.shortcut ?? '',
    title: reply?.title ?? '',
    body: reply?.body ?? '',
    language: reply?.language ?? defaultLanguage,
  }));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const save = async () => {
    const found = check(values, t);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    const clean = {
      shortcut: values.shortcut.trim(),
      title: values.title.trim(),
      body: values.body.trim(),
      language: values.language as CannedReplyLanguage,
    };
    setBusy(true);
    try {
      if (reply) {
        const patch = Object.fromEntries(
          Object.entries(clean).filter(([k, v]) => reply[k as keyof typeof clean] !== v),
        ) as Partial<typeof clean>;
        if (Object.keys(patch).length > 0) await callBridge('cannedReplies.update', { id: reply.id, patch });
      } else {
        await callBridge('cannedReplies.create', clean);
      }
      onSaved();
    } catch (error) {
      const onFields = fieldErrors(error, t);
      if (onFields) setErrors(onFields);
      else setFailure(t('errors.failed', { message: errorMessage(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={reply ? t('form.editTitle', { shortcut: reply.shortcut }) : t('form.newTitle')}
      centered
      size="lg"
    >
      <Stack gap="sm" data-testid="canned-reply-form">
        <Group grow align="flex-start">
          <TextInput
            label={t('form.shortcut')}
            description={t('form.shortcutHint')}
            value={values.shortcut}
            onChange={(e) => set('shortcut')(e.currentTarget.value)}
            error={errors.shortcut}
            leftSection={<Text size="sm">#</Text>}
            dir="auto"
            data-testid="canned-shortcut"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="canned-language-label">
              {t('form.language')}
            </Text>
            <SegmentedControl
              aria-labelledby="canned-language-label"
              value={values.language}
              onChange={set('language')}
              data={(['en', 'ar'] as const).map((value) => ({ value, label: t(`languages.${value}`) }))}
              data-testid="canned-language"
            />
          </Stack>
        </Group>
        <TextInput
          label={t('form.title')}
          value={values.title}
          onChange={(e) => set('title')(e.currentTarget.value)}
          error={errors.title}
          dir="auto"
          data-testid="canned-title"
        />
        <Textarea
          label={t('form.body')}
          description={t('form.bodyHint', { list: PLACEHOLDER_LIST })}
          value={values.body}
          onChange={(e) => set('body')(e.currentTarget.value)}
          error={errors.body}
          autosize
          minRows={3}
          dir="auto"
          data-testid="canned-body"
        />
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void save()} data-testid="canned-save">
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
