// The moderation workspace (B9) on a fake bridge: the sidebar entry's badge is the open count and follows the feed's
// notice; the queue lists the items with why they are here, the first one opens beside it in its conversation with
// the sender's sanctions; the sender is muted for an hour from there; X removes it with the chosen reason (through the core) and the next item comes into view;
// a manager reads the same without decisions, and the keys do nothing for them.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ModerationPage } from '../../src/renderer/src/features/moderation/index.ts';
import { ModerationNavLink } from '../../src/renderer/src/features/moderation/ModerationNavLink.tsx';
import { moderationStrings } from '../../src/renderer/src/features/moderation/strings.ts';
import type { ModerationItem, Sanction, StaffRole } from '../../src/shared/domain.ts';
import { account, changed, createFakeBridge, message, moderationItem, renderWithBridge } from './fakeBridge.tsx';

const en = moderationStrings.en;

function item(n: number, overrides: Partial<ModerationItem> = {}): ModerationItem {
  const m = message({ senderRole: 'seller', body: `reported body ${n}`, flags: n === 1 ? ['phone'] : [] });
  return moderationItem(m, n, {
    reasons: n === 1 ? ['flag', 'report'] : ['report'],
    reports: [{ category: 'off_platform', note: 'asks to pay outside', at: m.createdAt }],
    reportsCount: 1,
    ...overrides,
  });
}

const WARNING: Sanction = {
  id: '88888888-8888-4888-8888-888888888888',
  userId: '55555555-5555-4555-8555-555555555555',
  kind: 'warn',
  reason: 'shared a phone number',
  startsAt: new Date().toISOString(),
  endsAt: null,
  active: false,
  staff: null,
  liftedAt: null,
  liftedBy: null,
};

function queueBridge(role: StaffRole) {
  const bridge = createFakeBridge();
  const items = [item(1), item(2)];
  bridge.handle('account.state', () => account(role));
  bridge.handle('moderation.queue', () => ({ items, total: items.length }));
  bridge.handle('moderation.item', ({ id }) => {
    const found = items.find((i) => i.id === id) as ModerationItem;
    return { item: found, before: [message({ body: 'earlier customer line' })], after: [], sanctions: [WARNING] };
  });
  bridge.handle('moderation.decide', () => ({ actionId: 'a1' }));
  bridge.handle('moderation.sanction', () => ({ actionId: 'a2' }));
  return { bridge, items };
}

describe('the Moderation section (B9)', () => {
  it('the sidebar entry shows the open count and follows the feed’s notice', async () => {
    const bridge = createFakeBridge();
    let open = 4;
    bridge.handle('moderation.counts', () => ({ open }));
    renderWithBridge(bridge, <ModerationNavLink active={false} onClick={() => {}} />);
    const badge = await screen.findByTestId('nav-moderation-badge');
    expect(badge.getAttribute('data-count')).toBe('4');
    expect(screen.getByTestId('nav-moderation').textContent).toContain(en.nav);
    open = 5;
    act(() => bridge.emit('sessions.changed', changed({ moderationChanged: true })));
    await waitFor(() => expect(screen.getByTestId('nav-moderation-badge').getAttribute('data-count')).toBe('5'));
  });

  it('lists the queue, opens the first item in its conversation, X removes it with the reason', async () => {
    const { bridge, items } = queueBridge('moderator');
    renderWithBridge(bridge, <ModerationPage />);
    const rows = await screen.findAllByTestId('moderation-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('reported body 1');
    expect(rows[0]?.textContent).toContain(en.flags.phone);
    expect(rows[0]?.textContent).toContain(en.categories.off_platform);
    expect(bridge.callsOf('moderation.queue')[0]).toMatchObject({ status: 'open', sort: 'firstSeen', offset: 0 });

    const pane = await screen.findByTestId('moderation-detail');
    expect(pane.getAttribute('data-item-id')).toBe(items[0]?.id);
    expect(within(pane).getByTestId('moderation-current-message').textContent).toContain('reported body 1');
    expect(within(pane).getByTestId('moderation-context-message').textContent).toContain('earlier customer line');
    expect(within(pane).getByTestId('moderation-sanction').textContent).toContain('shared a phone number');

    // Mute the sender for an hour with the reason in the box, through the core.
    fireEvent.click(within(pane).getByTestId('moderation-mute'));
    await waitFor(() =>
      expect(bridge.callsOf('moderation.sanction')).toEqual([
        {
          userId: items[0]?.message.senderId,
          sanction: { kind: 'mute', minutes: 60, reason: en.presets.contact },
        },
      ]),
    );

    fireEvent.keyDown(window, { key: 'x', code: 'KeyX' });
    await waitFor(() =>
      expect(bridge.callsOf('moderation.decide')).toEqual([
        { id: items[0]?.id, action: 'remove', reason: en.presets.contact },
      ]),
    );
    // The decided item leaves the open queue; the next one is in view.
    await waitFor(() => expect(screen.getAllByTestId('moderation-row')).toHaveLength(1));
    await waitFor(() =>
      expect(screen.getByTestId('moderation-detail').getAttribute('data-item-id')).toBe(items[1]?.id),
    );

    // The feed says the queue changed: it is asked again.
    const asked = bridge.callsOf('moderation.queue').length;
    act(() => bridge.emit('sessions.changed', changed({ moderationChanged: true })));
    await waitFor(() => expect(bridge.callsOf('moderation.queue').length).toBeGreaterThan(asked));
  });

  it('is read-only for a manager: no decisions, the keys do nothing', async () => {
    const { bridge } = queueBridge('manager');
    renderWithBridge(bridge, <ModerationPage />);
    await screen.findByTestId('moderation-detail');
    await screen.findByTestId('moderation-read-only');
    expect(screen.queryByTestId('moderation-remove')).toBeNull();
    expect(screen.queryByTestId('moderation-dismiss')).toBeNull();
    expect(screen.queryByTestId('moderation-mute')).toBeNull();
    fireEvent.keyDown(window, { key: 'd', code: 'KeyD' });
    fireEvent.keyDown(window, { key: 'x', code: 'KeyX' });
    expect(bridge.callsOf('moderation.decide')).toEqual([]);
  });
});
