// B9 in the conversation pane and the message page on a fake bridge: a removed message is struck through with the
// moderator's reason; a moderator restores it from there through the core (an agent sees no Restore); the seller's
// mute in force is shown beside their name with its end time, and goes when the feed says sanctions changed.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { ConversationPane, SessionMessagesPage } from '../../src/renderer/src/features/conversation/index.ts';
import { untilText } from '../../src/renderer/src/features/conversation/moderationMarks.tsx';
import { useSettingsStore } from '../../src/renderer/src/features/settings/settingsStore.ts';
import type { Sanction, StaffRole } from '../../src/shared/domain.ts';
import { changed, conversationBridge, renderWithBridge, SESSION_ID, session } from './fakeBridge.tsx';

beforeEach(() => {
  useSettingsStore.setState({ settings: null, loadError: null, saving: false });
  useNavigation.setState({ route: { name: 'sessions' }, selectedSessionId: null });
});

function moderatedBridge(role: StaffRole) {
  const { bridge, messages } = conversationBridge(role);
  const seller = session().seller;
  const removed = messages[1];
  if (removed) Object.assign(removed, { removed: true, removedReason: 'Contact details are not allowed in the chat' });
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  let sanctions: Sanction[] = [
    {
      id: '88888888-8888-4888-8888-888888888888',
      userId: seller.id,
      kind: 'mute',
      reason: 'shared a phone number',
      startsAt: new Date().toISOString(),
      endsAt,
      active: true,
      staff: null,
      liftedAt: null,
      liftedBy: null,
    },
  ];
  bridge.handle('moderation.activeSanctions', () => ({ items: sanctions }));
  bridge.handle('moderation.restoreMessage', () => ({ actionId: 'r1' }));
  return { bridge, removedId: removed?.id as string, endsAt, lift: () => (sanctions = []) };
}

describe('removed messages and sanctions in the conversation (B9)', () => {
  it('the pane strikes a removed message through with its reason; a moderator restores it; the mute shows', async () => {
    const { bridge, removedId, endsAt, lift } = moderatedBridge('moderator');
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message');
    const removed = rows.find((r) => r.getAttribute('data-message-id') === removedId) as HTMLElement;
    expect(removed.getAttribute('data-removed')).toBe('true');
    expect(within(removed).getByText('Yes, call me on +966 55 123 4567').style.textDecoration).toBe('line-through');
    expect(within(removed).getByTestId('message-removed').textContent).toContain(
      'Removed by a moderator: Contact details are not allowed in the chat',
    );
    expect(rows.filter((r) => r.getAttribute('data-removed') === 'true')).toHaveLength(1);

    fireEvent.click(within(removed).getByTestId('message-restore'));
    await waitFor(() => expect(bridge.callsOf('moderation.restoreMessage')).toEqual([{ messageId: removedId }]));

    const badge = await screen.findByTestId('participant-sanction');
    expect(badge.textContent).toBe(`Muted until ${untilText(endsAt, 'en')}`);
    expect(bridge.callsOf('moderation.activeSanctions')[0]).toEqual({
      userIds: [session().customer.id, session().seller.id],
    });
    // Lifted elsewhere: the feed says so, the badge goes.
    lift();
    act(() => bridge.emit('sessions.changed', changed({ moderationChanged: true })));
    await waitFor(() => expect(screen.queryByTestId('participant-sanction')).toBeNull());
  });

  it('an agent reads the removal and the mute but gets no Restore, on the message page too', async () => {
    const { bridge, removedId } = moderatedBridge('agent');
    renderWithBridge(bridge, <SessionMessagesPage sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message-row');
    const removed = rows.find((r) => r.getAttribute('data-message-id') === removedId) as HTMLElement;
    expect(within(removed).getByTestId('message-removed').textContent).toContain('Removed by a moderator');
    expect(within(removed).queryByTestId('message-restore')).toBeNull();
    expect((await screen.findByTestId('participant-sanction')).textContent).toMatch(/^Muted until /);
  });

  it('shows a warning’s system message apart, in English and Arabic', async () => {
    const { bridge, messages } = conversationBridge('agent');
    const warning = messages[0];
    if (warning) Object.assign(warning, { kind: 'system', senderRole: 'staff', body: 'A moderator warned you' });
    const view = renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message');
    const shown = rows.find((r) => r.getAttribute('data-message-id') === warning?.id) as HTMLElement;
    expect(shown.getAttribute('data-kind')).toBe('system');
    expect(within(shown).getByTestId('system-badge').textContent).toBe('System message');
    expect(rows.filter((r) => within(r).queryByTestId('system-badge'))).toHaveLength(1);
    try {
      await act(() => i18next.changeLanguage('ar'));
      await waitFor(() => expect(within(view.container).getByTestId('system-badge').textContent).toBe('رسالة النظام'));
    } finally {
      await act(() => i18next.changeLanguage('en'));
    }
  });

  it('names the day when a sanction ends on another day', () => {
    const now = new Date('2026-12-05T10:00:00');
    expect(untilText('2026-12-05T14:30:00', 'en', now)).toBe('02:30 PM');
    expect(untilText('2026-12-07T09:00:00', 'en', now)).toBe('Dec 7, 09:00 AM');
  });
});
