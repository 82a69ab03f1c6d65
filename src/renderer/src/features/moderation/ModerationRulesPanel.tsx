// The moderation rules (B3's flags, edited under B9): blocked words and phrases, domains whose links are not flagged,
// and whether phone numbers, e-mail addresses and links are looked for. Moderators and admins change them (through the
// core's outbox: offline too, shown as made until sent); managers read them. Every message written from then on is
// flagged by them; messages already written keep their flags, which the panel says. An edit is made from the revision
// the panel showed: when someone else changed the rules before it reached the backend, it is refused (never undoing
// their edit) and the panel says so and shows the rules in force.
import { Alert, Badge, Button, Drawer, Group, Stack, Switch, TagsInput, Text } from '@mantine/core';
import type { DeskModerationRules } from '@shared/moderationDesk.ts';
import { formatDateTime } from '@shared/relativeTime.ts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BridgeError, callBridge, errorMessage, useBridgeEvent } from '../../bridge/bridgeHooks.ts';
import { showToast } from '../../ui/toast.ts';
import { NS } from './strings.ts';

type Draft = Pick<
  DeskModerationRules,
  'blockedWords' | 'allowedDomains' | 'detectPhones' | 'detectEmails' | 'detectLinks'
>;
const DETECTS = ['detectPhones', 'detectEmails', 'detectLinks'] as const;

const draftOf = (r: DeskModerationRules): Draft => ({
  blockedWords: r.blockedWords,
  allowedDomains: r.allowedDomains,
  detectPhones: r.detectPhones,
  detectEmails: r.detectEmails,
  detectLinks: r.detectLinks,
});

/** The first message the core gave for a field or its entries (blockedWords.3 → blockedWords). */
function fieldError(fields: Record<string, string> | undefined, name: string): string | undefined {
  if (!fields) return undefined;
  const key = Object.keys(fields).find((k) => k === name || k.startsWith(`${name}.`));
  return key ? fields[key] : undefined;
}

export function ModerationRulesPanel({
  opened,
  onClose,
  canEdit,
}: {
  opened: boolean;
  onClose(): void;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation(NS);
  const [rules, setRules] = useState<DeskModerationRules | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [saving, setSaving] = useState(false);
  /** The revision the draft was made from: what a save sends, so an edit made meanwhile is never undone. */
  const [base, setBase] = useState<string | null>(null);
  /** A change made here that the backend refused (rules changed meanwhile, or another reason). */
  const [refusal, setRefusal] = useState<string | null>(null);

  const load = useCallback(async (keepDraft: boolean) => {
    try {
      const next = await callBridge('moderation.rules', {});
      setRules(next);
      setLoadError(null);
      if (!keepDraft) {
        setDraft(draftOf(next));
        setBase(next.revision);
      }
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);
  useEffect(() => {
    if (!opened) return;
    setSaveError(null);
    void load(false);
  }, [opened, load]);
  // Changed elsewhere (another moderator, or this change arriving): the rules in force are read again.
  useBridgeEvent('sessions.changed', (changes) => {
    if (opened && (changes.rulesChanged || changes.all)) void load(dirty);
  });
  // A change queued here was refused: said, and the rules in force shown instead of it.
  useBridgeEvent('action.failed', (failure) => {
    if (failure.kind !== 'moderation.updateRules') return;
    const { code, fields, message } = failure.error;
    setRefusal(code === 'conflict' && fields?.revision ? t('rules.conflict') : t('rules.refused', { message }));
    if (opened) void load(false);
  });

  const dirty = rules !== null && draft !== null && JSON.stringify(draftOf(rules)) !== JSON.stringify(draft);
  const save = async () => {
    if (!draft || !base) return;
    setSaving(true);
    setSaveError(null);
    setRefusal(null);
    try {
      await callBridge('moderation.updateRules', { revision: base, ...draft });
      showToast('teal', t('rules.saved'));
      await load(false);
    } catch (error) {
      setSaveError({
        message: errorMessage(error),
        ...(error instanceof BridgeError && error.info.fields ? { fields: error.info.fields } : {}),
      });
    } finally {
      setSaving(false);
    }
  };

  const locale = i18n.language === 'ar' ? 'ar' : 'en';
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      // The end side of the window: Mantine mirrors it in Arabic.
      position="right"
      size="md"
      title={t('rules.title')}
      closeButtonProps={{ 'aria-label': t('rules.close') }}
    >
      <Stack gap="md" data-testid="moderation-rules">
        <Text size="sm" c="dimmed">
          {t('rules.intro')}
        </Text>
        {loadError && (
          <Alert color="red" data-testid="moderation-rules-error">
            {t('rules.loadFailed', { message: loadError })}
          </Alert>
        )}
        {refusal && (
          <Alert
            color="orange"
            withCloseButton
            closeButtonLabel={t('rules.dismiss')}
            onClose={() => setRefusal(null)}
            data-testid="moderation-rules-refused"
          >
            {refusal}
          </Alert>
        )}
        {rules?.cached && (
          <Alert color="yellow" data-testid="moderation-rules-offline">
            {t('rules.offline')}
          </Alert>
        )}
        {!canEdit && rules && (
          <Alert color="gray" data-testid="moderation-rules-read-only">
            {t('rules.readOnly')}
          </Alert>
        )}
        {draft && (
          <>
            <TagsInput
              label={t('rules.blockedWords')}
              description={t('rules.blockedWordsHint')}
              value={draft.blockedWords}
              onChange={(blockedWords) => setDraft({ ...draft, blockedWords })}
              disabled={!canEdit}
              clearable={canEdit}
              splitChars={[',', '،']}
              error={fieldError(saveError?.fields, 'blockedWords')}
              data-testid="moderation-rules-words"
            />
            <TagsInput
              label={t('rules.allowedDomains')}
              description={t('rules.allowedDomainsHint')}
              value={draft.allowedDomains}
              onChange={(allowedDomains) => setDraft({ ...draft, allowedDomains })}
              disabled={!canEdit}
              clearable={canEdit}
              splitChars={[',', ' ', '،']}
              error={fieldError(saveError?.fields, 'allowedDomains')}
              data-testid="moderation-rules-domains"
            />
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('rules.detect')}
              </Text>
              {DETECTS.map((key) => (
                <Switch
                  key={key}
                  label={t(`rules.${key}`)}
                  checked={draft[key]}
                  onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.checked })}
                  disabled={!canEdit}
                  data-testid={`moderation-rules-${key}`}
                />
              ))}
            </Stack>
            {rules && (
              <Group gap="xs">
                <Text size="xs" c="dimmed" data-testid="moderation-rules-updated">
                  {rules.updatedAt
                    ? t('rules.updated', {
                        // Isolated, so a Latin name beside the date keeps its place in an Arabic sentence.
                        staff: `\u2068${rules.updatedBy?.name ?? '—'}\u2069`,
                        time: `\u2068${formatDateTime(rules.updatedAt, locale)}\u2069`,
                      })
                    : t('rules.asInstalled')}
                </Text>
                {rules.pending && (
                  <Badge size="sm" color="yellow" variant="light" data-testid="moderation-rules-pending">
                    {t('rules.pending')}
                  </Badge>
                )}
              </Group>
            )}
            {saveError && (
              <Alert color="red" data-testid="moderation-rules-save-error">
                {saveError.message}
              </Alert>
            )}
            {canEdit && (
              <Group justify="flex-end">
                <Button variant="default" disabled={!dirty || saving} onClick={() => rules && setDraft(draftOf(rules))}>
                  {t('rules.reset')}
                </Button>
                <Button
                  onClick={() => void save()}
                  disabled={!dirty}
                  loading={saving}
                  data-testid="moderation-rules-save"
                >
                  {t('rules.save')}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Drawer>
  );
}
