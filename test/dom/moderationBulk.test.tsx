// Bulk decisions in the review queue (B9) on a fake bridge: checked items get a bar that says how many and what each
// button does; Dismiss queues one decision per item through the core; Remove asks first with the reason the
// participants read, then queues a removal per item with it; decided items leave the open queue. Managers and the
// decided list get no checkboxes.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ModerationPage } from '../../src/renderer/src/features/moderation/index.ts';
import { moderationStrings } from '../../src/renderer/src/features/moderation/strings.ts';
import type { ModerationItem, StaffRole } from '../../src/shared/domain.ts';
import { account, createFakeBridge, message, moderationItem, renderWithBridge } from './fakeBridge.tsx';

const en = moderationStrings.en;

function item(n: number): ModerationItem {
  const m = message({
    id: `77777777-7777-4777-8777-${String(n).padStart(12, '0')}`,
    senderRole: 'seller',
    body: `queued body ${n}`,
  });
  return moderationItem(m, n, {
    flags: [],
    reports: [{ category: 'spam', note: null, at: m.createdAt }],
    reportsCount: 1,
  });
}

function queueBridge(role: StaffRole) {
  const bridge = createFakeBridge();
  const items = [item(1), item(2), item(3), item(4)];
  bridge.handle('account.state', () => account(role));
  bridge.handle('moderation.queue', ({ status }) =>
    status === 'open' ? { items, total: items.length } : { items: [], total: 0 },
  );
  bridge.handle('moderation.item', ({ id }) => ({
    item: items.find((i) => i.id === id) as ModerationItem,
    before: [],
    after: [],
    sanctions: [],
  }));
  bridge.handle('moderation.decide', () => ({ actionId: 'a1' }));
  return { bridge, items };
}

const checkRow = (n: number) => {
  const rows = screen.getAllByTestId('moderation-row');
  fireEvent.click(within(rows[n] as HTMLElement).getByTestId('moderation-check'));
};

describe('bulk decisions in the review queue (B9)', () => {
  it('dismisses the checked items, one queued decision each, and they leave the open queue', async () => {
    const { bridge, items } = queueBridge('moderator');
    renderWithBridge(bridge, <ModerationPage />);
    await screen.findAllByTestId('moderation-row');
    expect(screen.queryByTestId('moderation-bulk-bar')).toBeNull();
    checkRow(0);
    checkRow(2);
    const bar = await screen.findByTestId('moderation-bulk-bar');
    expect(screen.getByTestId('moderation-bulk-count').textContent).toBe('2 items checked');
    expect(within(bar).getByTestId('moderation-bulk-dismiss').textContent).toBe('Dismiss 2 items');
    expect(within(bar).getByTestId('moderation-bulk-remove').textContent).toBe('Remove 2 messages');
    // Checking a box does not change the item in view.
    expect(screen.getByTestId('moderation-detail').getAttribute('data-item-id')).toBe(items[0]?.id);

    fireEvent.click(within(bar).getByTestId('moderation-bulk-dismiss'));
    await waitFor(() =>
      expect(bridge.callsOf('moderation.decide')).toEqual([
        { id: items[0]?.id, action: 'dismiss' },
        { id: items[2]?.id, action: 'dismiss' },
      ]),
    );
    await waitFor(() => expect(screen.getAllByTestId('moderation-row')).toHaveLength(2));
    expect(screen.getByTestId('moderation-count').getAttribute('data-count')).toBe('2');
    expect(screen.queryByTestId('moderation-bulk-bar')).toBeNull();
  });

  it('removes every checked message after a confirmation that names them and carries the reason', async () => {
    const { bridge, items } = queueBridge('admin');
    renderWithBridge(bridge, <ModerationPage />);
    await screen.findAllByTestId('moderation-row');
    fireEvent.click(screen.getByTestId('moderation-check-all'));
    expect(screen.getByTestId('moderation-bulk-count').textContent).toBe('4 items checked');
    fireEvent.click(screen.getByTestId('moderation-bulk-remove'));
    const dialog = await screen.findByTestId('moderation-bulk-confirm');
    expect(dialog.textContent).toContain('The 4 checked messages are hidden from their customers and sellers');
    expect(dialog.textContent).toContain('restored for 30 days');
    expect(bridge.callsOf('moderation.decide')).toEqual([]);
    // The reason: the second preset.
    fireEvent.click(within(dialog).getByTestId('moderation-bulk-reason'));
    fireEvent.click(await within(dialog).findByRole('option', { name: en.presets.offPlatform, hidden: true }));
    fireEvent.click(within(dialog).getByTestId('moderation-bulk-remove-confirm'));
    await waitFor(() =>
      expect(bridge.callsOf('moderation.decide')).toEqual(
        items.map((i) => ({ id: i.id, action: 'remove', reason: en.presets.offPlatform })),
      ),
    );
    await screen.findByTestId('moderation-empty');
  });

  it('a refused decision keeps its item checked, in the queue', async () => {
    const { bridge, items } = queueBridge('moderator');
    bridge.handle('moderation.decide', ({ id }) =>
      id === items[1]?.id
        ? { code: 'forbidden', message: 'not allowed here', refused: true as const }
        : { actionId: 'x' },
    );
    renderWithBridge(bridge, <ModerationPage />);
    await screen.findAllByTestId('moderation-row');
    checkRow(0);
    checkRow(1);
    fireEvent.click(screen.getByTestId('moderation-bulk-dismiss'));
    await waitFor(() => expect(screen.getAllByTestId('moderation-row')).toHaveLength(3));
    expect(screen.getByTestId('moderation-bulk-count').textContent).toBe('1 item checked');
    expect(within(screen.getByTestId('moderation-bulk-bar')).getByTestId('moderation-bulk-dismiss').textContent).toBe(
      'Dismiss 1 item',
    );
  });

  it('offers no checkboxes to a manager', async () => {
    const { bridge } = queueBridge('manager');
    renderWithBridge(bridge, <ModerationPage />);
    await screen.findAllByTestId('moderation-row');
    expect(screen.queryByTestId('moderation-check')).toBeNull();
    expect(screen.queryByTestId('moderation-check-all')).toBeNull();
  });
});
