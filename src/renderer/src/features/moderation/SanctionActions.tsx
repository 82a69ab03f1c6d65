// The sanctions moderators and admins give from the review queue's detail (B9): a warning, a mute for 1 hour,
// 24 hours or 7 days, and a ban for 24 hours, 7 days or until lifted, each with a preset reason or one written here.
// A ban stops the participant's sign-ins at once, so it is given only after a confirmation that says exactly that.
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { MAX_MODERATION_REASON, type SanctionCreateBody } from '@shared/api.ts';
import { formatDateTime } from '@shared/relativeTime.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tooLongError } from '../../ui/fieldLength.ts';
import { NS } from './strings.ts';

/** The preset reasons (the removal presets' words), or one written by the moderator. */
const REASONS = ['contact', 'offPlatform', 'abuse', 'spam', 'scam', 'other'] as const;
type ReasonKey = (typeof REASONS)[number];

const HOUR = 60;
const DAY = 24 * HOUR;
export const MUTE_MINUTES = { hour: HOUR, day: DAY, week: 7 * DAY } as const;
const MUTE_LABELS = { hour: 'muteHour', day: 'muteDay', week: 'muteWeek' } as const;
/** A ban's length; `lifted` has none (until a moderator lifts it). */
export const BAN_MINUTES = { day: DAY, week: 7 * DAY, lifted: undefined } as const;
type BanLength = keyof typeof BAN_MINUTES;

export interface SanctionActionsProps {
  /** The participant's name, as the confirmation names them. */
  name: string;
  pending: boolean;
  /** Give the sanction (through the core's outbox); `label` names it in the notice that follows. */
  onGive(sanction: SanctionCreateBody, label: string): void;
}

export function SanctionActions({ name, pending, onGive }: SanctionActionsProps) {
  const { t, i18n } = useTranslation(NS);
  const [reasonKey, setReasonKey] = useState<ReasonKey>('contact');
  const [written, setWritten] = useState('');
  const [banOpen, setBanOpen] = useState(false);
  const [banLength, setBanLength] = useState<BanLength>('day');
  const reason = (reasonKey === 'other' ? written : t(`presets.${reasonKey}`)).trim();
  const writtenError = reasonKey === 'other' ? tooLongError(written, MAX_MODERATION_REASON) : null;
  const disabled = pending || reason === '' || writtenError !== null;

  const mute = (length: keyof typeof MUTE_MINUTES) => () =>
    onGive({ kind: 'mute', minutes: MUTE_MINUTES[length], reason }, t(MUTE_LABELS[length]));
  // The buttons, in the order of their weight; a ban opens its confirmation first.
  const choices: Array<{ label: string; color: string; testId: string; act: () => void }> = [
    {
      label: t('warn'),
      color: 'yellow',
      testId: 'moderation-warn',
      act: () => onGive({ kind: 'warn', reason }, t('warn')),
    },
    { label: t('muteHour'), color: 'orange', testId: 'moderation-mute', act: mute('hour') },
    { label: t('muteDay'), color: 'orange', testId: 'moderation-mute-day', act: mute('day') },
    { label: t('muteWeek'), color: 'orange', testId: 'moderation-mute-week', act: mute('week') },
    { label: t('ban'), color: 'red', testId: 'moderation-ban', act: () => setBanOpen(true) },
  ];
  const banMinutes = BAN_MINUTES[banLength];
  // The end as the moderator confirms it; the backend's clock sets the real one when the ban arrives.
  const banEnd =
    banMinutes === undefined ? null : formatDateTime(new Date(Date.now() + banMinutes * 60_000), i18n.language);
  const confirmBan = () => {
    setBanOpen(false);
    onGive(
      { kind: 'ban', reason, ...(banMinutes === undefined ? {} : { minutes: banMinutes }) },
      `${t('sanctionKinds.ban')} · ${t(`banLengths.${banLength}`)}`,
    );
  };

  return (
    <Stack gap="xs" data-testid="moderation-sanction-actions">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          size="xs"
          label={t('sanctionReason')}
          data={REASONS.map((r) => ({ value: r, label: r === 'other' ? t('sanctionReasonOther') : t(`presets.${r}`) }))}
          value={reasonKey}
          onChange={(v) => v && setReasonKey(v as ReasonKey)}
          allowDeselect={false}
          style={{ flex: '1 1 240px' }}
          data-testid="moderation-sanction-reason"
        />
        {reasonKey === 'other' && (
          <TextInput
            size="xs"
            label={t('sanctionReasonWritten')}
            value={written}
            onChange={(e) => setWritten(e.currentTarget.value)}
            error={writtenError}
            dir="auto"
            style={{ flex: '1 1 240px' }}
            data-testid="moderation-sanction-reason-written"
          />
        )}
      </Group>
      <Group gap="xs" wrap="wrap">
        {choices.map((choice) => (
          <Button
            key={choice.testId}
            size="xs"
            variant="light"
            color={choice.color}
            onClick={choice.act}
            disabled={disabled}
            data-testid={choice.testId}
          >
            {choice.label}
          </Button>
        ))}
      </Group>
      <Modal opened={banOpen} onClose={() => setBanOpen(false)} title={t('banTitle', { name })} centered>
        <Stack gap="sm" data-testid="moderation-ban-dialog">
          <SegmentedControl
            value={banLength}
            onChange={(v) => setBanLength(v as BanLength)}
            data={(Object.keys(BAN_MINUTES) as BanLength[]).map((k) => ({ value: k, label: t(`banLengths.${k}`) }))}
            aria-label={t('banLength')}
            data-testid="moderation-ban-length"
          />
          <Text size="sm" dir="auto" data-testid="moderation-ban-effect">
            {banEnd === null ? t('banEffectUntilLifted', { name }) : t('banEffect', { name, time: banEnd })}
          </Text>
          <Text size="sm" c="dimmed" dir="auto">
            {t('banReason', { reason })}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setBanOpen(false)} data-testid="moderation-ban-cancel">
              {t('cancel')}
            </Button>
            <Button color="red" onClick={confirmBan} disabled={disabled} data-testid="moderation-ban-confirm">
              {t('banConfirm', { name })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
