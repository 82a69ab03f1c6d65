// A running task's progress bar with its Cancel button under it (an export, a bulk action), the same everywhere.
import { Button, Group, Progress } from '@mantine/core';
import { IconX } from '@tabler/icons-react';

export interface ProgressWithCancelProps {
  /** Done so far, 0–100. */
  value: number;
  /** What the bar measures, for screen readers. */
  label: string;
  cancelLabel: string;
  cancelling: boolean;
  onCancel(): void;
}

export function ProgressWithCancel(props: ProgressWithCancelProps) {
  return (
    <>
      <Progress value={props.value} aria-label={props.label} size="sm" animated />
      <Group justify="flex-end">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconX size={14} />}
          onClick={props.onCancel}
          loading={props.cancelling}
        >
          {props.cancelLabel}
        </Button>
      </Group>
    </>
  );
}
