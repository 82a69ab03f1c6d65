// The bulk bar (F8) on a fake bridge: checked rows are sent by id; "all matching" asks first, showing the count the
// list holds, and sends that count and when it was taken with the filter; a refusal because the search now matches
// more (the core's or the backend's 409 with currentCount) shows the new count and asks again.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { BulkBar } from '../../src/renderer/src/features/sessions/BulkBar.tsx';
import { noFilters, useSessionsStore } from '../../src/renderer/src/features/sessions/sessionsStore.ts';
import { sessionsStrings } from '../../src/renderer/src/features/sessions/strings.ts';
import type { BulkTarget } from '../../src/shared/api.ts';
import { account, createFakeBridge, refused, renderWithBridge } from './fakeBridge.tsx';

const en = sessionsStrings.en;
const FILTER = { search: 'tea', hasUnread: true };

function bulkBridge() {
  const bridge = createFakeBridge();
  bridge.handle('account.state', () => account('moderator'));
  return bridge;
}
const targets = (bridge: ReturnType<typeof bulkBridge>, name: 'sessions.deleteMany' | 'sessions.markRead') =>
  (bridge.callsOf(name) as Array<{ target: BulkTarget }>).map((c) => c.target);

beforeEach(() =>
  useSessionsStore.setState({
    search: 'tea',
    filters: { ...noFilters, hasUnread: true },
    selectedIds: ['0b9f6c1e-8f2a-4c55-9d7e-1a2b3c4d5e6f'],
    allMatching: false,
    total: 42,
  }),
);

describe('bulk bar (F8) on a fake bridge', () => {
  it('marks checked rows read by id, at once', async () => {
    const bridge = bulkBridge();
    bridge.handle('sessions.markRead', () => ({ affected: 3 }));
    renderWithBridge(bridge, <BulkBar onDone={() => {}} />);
    fireEvent.click(await screen.findByRole('button', { name: en.bulk.markRead }));
    await waitFor(() =>
      expect(targets(bridge, 'sessions.markRead')).toEqual([{ ids: useSessionsStore.getState().selectedIds }]),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('"all matching" sends the confirmed count and asks again with the new one when the search now matches more', async () => {
    useSessionsStore.setState({ allMatching: true });
    const bridge = bulkBridge();
    let calls = 0;
    bridge.handle('sessions.deleteMany', () =>
      calls++ === 0
        ? { ...refused('conflict', 'The search now matches 45 sessions, more than the 42 confirmed'), currentCount: 45 }
        : { affected: 45 },
    );
    renderWithBridge(bridge, <BulkBar onDone={() => {}} />);
    fireEvent.click(await screen.findByRole('button', { name: en.bulk.delete }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Delete 42 chat sessions?');
    fireEvent.click(within(dialog).getByRole('button', { name: en.confirmBulkDelete.confirm }));
    await waitFor(() => expect(targets(bridge, 'sessions.deleteMany')).toHaveLength(1));
    const [first] = targets(bridge, 'sessions.deleteMany');
    expect(first).toEqual({ allMatching: { filter: FILTER, confirmedCount: 42, asOf: expect.any(String) } });
    // Refused: the dialog stays, with the new count, and the next confirmation sends it.
    await waitFor(() => expect(screen.getByRole('dialog').textContent).toContain('now matches 45 chat sessions'));
    expect(screen.getByRole('dialog').textContent).toContain('Delete 45 chat sessions?');
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: en.confirmBulkDelete.confirm }));
    await waitFor(() => expect(targets(bridge, 'sessions.deleteMany')).toHaveLength(2));
    expect(targets(bridge, 'sessions.deleteMany')[1]).toMatchObject({
      allMatching: { filter: FILTER, confirmedCount: 45 },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('"all matching" mark-read asks first with the count, and sends it', async () => {
    useSessionsStore.setState({ allMatching: true });
    const bridge = bulkBridge();
    bridge.handle('sessions.markRead', () => ({ affected: 7 }));
    renderWithBridge(bridge, <BulkBar onDone={() => {}} />);
    fireEvent.click(await screen.findByRole('button', { name: en.bulk.markRead }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('42 chat sessions');
    expect(targets(bridge, 'sessions.markRead')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: en.confirmBulkRead.confirm }));
    await waitFor(() =>
      expect(targets(bridge, 'sessions.markRead')).toEqual([
        { allMatching: { filter: FILTER, confirmedCount: 42, asOf: expect.any(String) } },
      ]),
    );
  });

  it('"all matching" with nothing matching any more offers no action to confirm', async () => {
    useSessionsStore.setState({ allMatching: true, total: 0 });
    const bridge = bulkBridge();
    renderWithBridge(bridge, <BulkBar onDone={() => {}} />);
    const markRead = (await screen.findByRole('button', { name: en.bulk.markRead })) as HTMLButtonElement;
    const remove = screen.getByRole('button', { name: en.bulk.delete }) as HTMLButtonElement;
    expect(markRead.disabled).toBe(true);
    expect(remove.disabled).toBe(true);
    fireEvent.click(remove);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.callsOf('sessions.deleteMany')).toHaveLength(0);
  });
});
