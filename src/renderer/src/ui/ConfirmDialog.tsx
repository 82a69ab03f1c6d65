// A confirmation for a permanent action (deleting a session or a message, disabling a staff account…),
// self-contained (no dependency on a modals provider).
import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NS } from '../app/strings.ts';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  /** The confirming button's colour: red (the default) for what cannot be undone, another for what can. */
  confirmColor?: string;
  confirmTestId?: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation(NS);
  return (
    <Modal
      opened={props.opened}
      onClose={props.onCancel}
      title={props.title}
      centered
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      <Text size="sm" mb="md" style={{ whiteSpace: 'pre-wrap' }}>
        {props.body}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {props.cancelLabel}
        </Button>
        <Button
          color={props.confirmColor ?? 'red'}
          loading={props.busy ?? false}
          onClick={props.onConfirm}
          data-autofocus
          data-testid={props.confirmTestId}
        >
          {props.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
