// The Moderation entry of the sidebar (B9) with the review queue's open count as its badge.
import { Badge, NavLink } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useModerationOpenCount } from './openCount.ts';
import { NS } from './strings.ts';

export function ModerationNavLink({ active, onClick }: { active: boolean; onClick(): void }) {
  const { t } = useTranslation(NS);
  const open = useModerationOpenCount(true);
  return (
    <NavLink
      component="button"
      label={t('nav')}
      leftSection={<IconShieldCheck size={18} aria-hidden />}
      rightSection={
        open === null ? null : (
          <Badge
            size="sm"
            circle={open < 10}
            color={open > 0 ? 'orange' : 'gray'}
            variant={open > 0 ? 'filled' : 'light'}
            aria-label={t('openBadge', { count: open })}
            data-testid="nav-moderation-badge"
            data-count={open}
          >
            {open > 9999 ? '9999+' : open}
          </Badge>
        )
      }
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onClick}
      data-testid="nav-moderation"
    />
  );
}
