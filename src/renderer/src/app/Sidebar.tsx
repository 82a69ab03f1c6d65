// The sidebar of the app frame: "User Management → Chat Sessions" with the live unread badge (F1), message search
// (B2), Users and Orders (F13), Settings (F12), and, for the roles that may, the review queue with its open count
// (B9), staff accounts and the audit log (B4).
import { Badge, NavLink } from '@mantine/core';
import {
  IconHistory,
  IconMessageSearch,
  IconMessages,
  IconSettings,
  IconShoppingCart,
  IconUserShield,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NS as AUDIT_NS } from '../features/audit/strings.ts';
import { NS as MESSAGE_SEARCH_NS } from '../features/messageSearch/strings.ts';
import { ModerationNavLink } from '../features/moderation/ModerationNavLink.tsx';
import { QUICK_VIEWS, quickViewOf, useQuickViewCounts } from '../features/sessions/quickViews.ts';
import { toSessionFilter, useSessionsStore } from '../features/sessions/sessionsStore.ts';
import { NS as SESSIONS_NS } from '../features/sessions/strings.ts';
import { NS as STAFF_NS } from '../features/staff/strings.ts';
import { type Route, useNavigation } from './navigation.ts';
import { NS } from './strings.ts';

/** B10: Mine, Unassigned and All open under Chat Sessions, each with its count of open sessions. */
function QuickViewLinks({ onOpen, active }: { onOpen(filter: Route): void; active: boolean }) {
  const { t } = useTranslation(SESSIONS_NS);
  const counts = useQuickViewCounts(true);
  const current = useSessionsStore((s) => quickViewOf(toSessionFilter(s.search, s.filters)));
  const labels = { mine: 'workflow.mine', unassigned: 'workflow.unassignedView', allOpen: 'workflow.allOpen' } as const;
  return (
    <section aria-label={t('workflow.views')} data-testid="quick-views">
      {QUICK_VIEWS.map((view) => {
        const here = active && current === view.id;
        const count = counts?.[view.id];
        return (
          <NavLink
            key={view.id}
            component="button"
            label={t(labels[view.id])}
            pl={44}
            active={here}
            aria-current={here ? 'page' : undefined}
            rightSection={
              count === undefined ? null : (
                <Badge
                  size="sm"
                  variant="light"
                  color={view.id === 'unassigned' && count > 0 ? 'orange' : 'gray'}
                  aria-label={t('workflow.viewCount', { count })}
                  data-testid={`view-count-${view.id}`}
                  data-count={count}
                >
                  {count > 9999 ? '9999+' : count}
                </Badge>
              )
            }
            onClick={() => onOpen({ name: 'sessions', filter: view.filter })}
            data-testid={`view-${view.id}`}
          />
        );
      })}
    </section>
  );
}

/** A sidebar entry of a section that loads on demand (its label in the section's own strings). */
function SectionNavLink({
  ns,
  icon,
  active,
  onClick,
  testId,
}: {
  ns: string;
  icon: ReactNode;
  active: boolean;
  onClick(): void;
  testId: string;
}) {
  const { t } = useTranslation(ns);
  return (
    <NavLink
      component="button"
      label={t('nav')}
      leftSection={icon}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onClick}
      data-testid={testId}
    />
  );
}

export function Sidebar({
  unread,
  onNavigate,
  permissions = [],
}: {
  unread: number | null;
  onNavigate(): void;
  permissions?: readonly string[];
}) {
  const { t } = useTranslation(NS);
  const route = useNavigation((s) => s.route);
  const navigate = useNavigation((s) => s.navigate);
  const go = (next: Route) => () => {
    navigate(next);
    onNavigate();
  };
  const here = (name: Route['name']) => route.name === name || (name === 'sessions' && route.name === 'session');
  return (
    <nav aria-label={t('nav.label')} data-testid="sidebar">
      <NavLink
        component="button"
        label={t('nav.userManagement')}
        leftSection={<IconUsersGroup size={18} aria-hidden />}
        defaultOpened
        childrenOffset={28}
        data-testid="nav-user-management"
      >
        <NavLink
          component="button"
          label={t('nav.chatSessions')}
          leftSection={<IconMessages size={18} aria-hidden />}
          rightSection={
            unread === null ? null : (
              <Badge
                size="sm"
                circle={unread < 10}
                color={unread > 0 ? 'red' : 'gray'}
                variant={unread > 0 ? 'filled' : 'light'}
                aria-label={t('nav.unreadBadge', { count: unread })}
                data-testid="nav-unread-badge"
                data-count={unread}
              >
                {unread > 9999 ? '9999+' : unread}
              </Badge>
            )
          }
          active={here('sessions')}
          aria-current={here('sessions') ? 'page' : undefined}
          onClick={go({ name: 'sessions' })}
          data-testid="nav-sessions"
        />
        <QuickViewLinks onOpen={(next) => go(next)()} active={here('sessions')} />
        <SectionNavLink
          ns={MESSAGE_SEARCH_NS}
          icon={<IconMessageSearch size={18} aria-hidden />}
          active={here('messageSearch')}
          onClick={go({ name: 'messageSearch' })}
          testId="nav-message-search"
        />
        <NavLink
          component="button"
          label={t('nav.users')}
          leftSection={<IconUsers size={18} aria-hidden />}
          active={here('users')}
          aria-current={here('users') ? 'page' : undefined}
          onClick={go({ name: 'users' })}
          data-testid="nav-users"
        />
        <NavLink
          component="button"
          label={t('nav.orders')}
          leftSection={<IconShoppingCart size={18} aria-hidden />}
          active={here('orders')}
          aria-current={here('orders') ? 'page' : undefined}
          onClick={go({ name: 'orders' })}
          data-testid="nav-orders"
        />
      </NavLink>
      <NavLink
        component="button"
        label={t('nav.settings')}
        leftSection={<IconSettings size={18} aria-hidden />}
        active={here('settings')}
        aria-current={here('settings') ? 'page' : undefined}
        onClick={go({ name: 'settings' })}
        data-testid="nav-settings"
      />
      {permissions.includes('moderation.read') && (
        <ModerationNavLink active={here('moderation')} onClick={go({ name: 'moderation' })} />
      )}
      {permissions.includes('staff.manage') && (
        <SectionNavLink
          ns={STAFF_NS}
          icon={<IconUserShield size={18} aria-hidden />}
          active={here('staff')}
          onClick={go({ name: 'staff' })}
          testId="nav-staff"
        />
      )}
      {permissions.includes('audit.read') && (
        <SectionNavLink
          ns={AUDIT_NS}
          icon={<IconHistory size={18} aria-hidden />}
          active={here('audit')}
          onClick={go({ name: 'audit' })}
          testId="nav-audit"
        />
      )}
    </nav>
  );
}
