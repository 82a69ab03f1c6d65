// The one actions menu of the session table (F7): a row's "⋯" button (ActionsCell) opens it where the button is,
// with what the signed-in role may do to that row.
import { Menu } from '@mantine/core';
import type { Session } from '@shared/domain.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NS } from './strings.ts';
import { SnoozeDateModal, WorkflowMenuItems } from './WorkflowMenuItems.tsx';

export type RowAction = 'view' | 'manage' | 'edit' | 'delete';

export interface RowPermissions {
  edit: boolean;
  delete: boolean;
}

/** The row the menu is open for, and where its button is on screen. */
export interface OpenMenu {
  session: Session;
  rect: { left: number; top: number; width: number; height: number };
  /** Opened by a right-click: the menu starts at the pointer rather than ending at the row's button. */
  atPointer?: boolean;
}

export function menuAt(session: Session, anchor: HTMLElement): OpenMenu {
  const r = anchor.getBoundingClientRect();
  return { session, rect: { left: r.left, top: r.top, width: r.width, height: r.height } };
}

export function RowActionsMenu({
  open,
  onClose,
  onAction,
  permissions,
}: {
  open: OpenMenu | null;
  onClose(): void;
  onAction(action: RowAction, session: Session): void;
  permissions: RowPermissions;
}) {
  const { t } = useTranslation(NS);
  const [dating, setDating] = useState<Session | null>(null);
  const dateModal = dating && <SnoozeDateModal session={dating} onClose={() => setDating(null)} />;
  if (!open) return dateModal;
  const act = (action: RowAction) => () => {
    onClose();
    onAction(action, open.session);
  };
  return (
    <Menu
      opened
      onChange={(o) => !o && onClose()}
      position={open.atPointer ? 'bottom-start' : 'bottom-end'}
      withinPortal
      shadow="md"
      key={open.session.id}
    >
      <Menu.Target>
        {/* An invisible box over the row's button: the menu opens beside it. */}
        <div aria-hidden style={{ position: 'fixed', pointerEvents: 'none', ...open.rect }} />
      </Menu.Target>
      <Menu.Dropdown aria-label={t('actions.menu', { name: open.session.product.name })}>
        <Menu.Item onClick={act('view')}>{t('actions.view')}</Menu.Item>
        <Menu.Item onClick={act('manage')}>{t('actions.manage')}</Menu.Item>
        {permissions.edit && <Menu.Item onClick={act('edit')}>{t('actions.edit')}</Menu.Item>}
        {permissions.delete && (
          <Menu.Item color="red" onClick={act('delete')}>
            {t('actions.delete')}
          </Menu.Item>
        )}
        <WorkflowMenuItems session={open.session} onDone={onClose} onDate={setDating} />
      </Menu.Dropdown>
    </Menu>
  );
}
