// The sanctions of the review queue's detail (B9) on a fake bridge: mutes for 1 hour, 24 hours and 7 days with the
// chosen or written reason, and a ban for 24 hours, 7 days or until lifted behind a confirmation that says what it
// does (no sign-in, no sending, every signed-in session stopped), all through the core; in Arabic too; a manager
// reads the sanctions without any of these.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ModerationPage } from '../../src/renderer/src/features/moderation/index.ts';
import { moderationStrings } from '../../src/renderer/src/features/moderation/strings.ts';
import type { StaffRole } from '../../src/shared/domain.ts';
import { account, createFakeBridge, message, moderationItem, renderWithBridge } from './fakeBridge.tsx';

const { en, ar } = moderationStrings;

afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

function sanctionBridge(role: StaffRole) {
  const bridge = createFakeBridge();
  const m = message({ senderRole: 'seller', body: 'pay me outside the app' });
  const item = moderationItem(m, 1, {
    reports: [{ category: 'off_platform', note: 'asks to pay outside', at: m.createdAt }],
    reportsCount: 1,
  });
  bridge.handle('account.state', () => account(role));
  bridge.handle('moderation.queue', () => ({ items: [item], total: 1 }));
  bridge.handle('moderation.item', () => ({ item, before: [], after: [], sanctions: [] }));
  bridge.handle('moderation.sanction', () => ({ actionId: 'a1' }));
  return { bridge, item };
}

async function openPane(role: StaffRole) {
  const { bridge, item } = sanctionBridge(role);
  renderWithBridge(bridge, <ModerationPage />);
  const pane = await screen.findByTestId('moderation-detail');
  return { bridge, item, pane };
}

async function chooseReason(pane: HTMLElement, label: string) {
  const input = within(pane).getByTestId('moderation-sanction-reason');
  fireEvent.click(input);
  // This select's own list (the removal reason's list offers the same presets).
  const list = await waitFor(() => {
    const found = document.getElementById(input.getAttribute('aria-controls') ?? '');
    if (!found) throw new Error('the reason list is not open');
    return found;
  });
  fireEvent.click(within(list).getByRole('option', { name: label, hidden: true }));
}

describe('sanctions from the review queue (B9)', () => {
  it('mutes for 24 hours and 7 days, with a preset or a written reason', async () => {
    const { bridge, item, pane } = await openPane('moderator');
    const userId = item.message.senderId;
    await chooseReason(pane, en.presets.offPlatform);
    fireEvent.click(within(pane).getByTestId('moderation-mute-day'));
    await waitFor(() =>
      expect(bridge.callsOf('moderation.sanction')).toEqual([
        { userId, sanction: { kind: 'mute', minutes: 1440, reason: en.presets.offPlatform } },
      ]),
    );
    await waitFor(() => expect(within(pane).getByTestId('moderation-mute-week')).not.toHaveProperty('disabled', true));

    // A written reason: nothing can be given while it is empty.
    await chooseReason(pane, en.sanctionReasonOther);
    expect(within(pane).getByTestId('moderation-mute-week')).toHaveProperty('disabled', true);
    fireEvent.change(within(pane).getByTestId('moderation-sanction-reason-written'), {
      target: { value: '  asked three buyers for bank transfers  ' },
    });
    fireEvent.click(within(pane).getByTestId('moderation-mute-week'));
    await waitFor(() =>
      expect(bridge.callsOf('moderation.sanction')[1]).toEqual({
        userId,
        sanction: { kind: 'mute', minutes: 10_080, reason: 'asked three buyers for bank transfers' },
      }),
    );
  });

  it('bans only after a confirmation that says what the ban does, for 7 days or until lifted', async () => {
    const { bridge, item, pane } = await openPane('admin');
    const name = item.message.senderName;
    fireEvent.click(within(pane).getByTestId('moderation-ban'));
    const dialog = await screen.findByTestId('moderation-ban-dialog');
    expect(bridge.callsOf('moderation.sanction')).toEqual([]);
    // 24 hours by default: the end is named.
    const effect = () => within(dialog).getByTestId('moderation-ban-effect').textContent ?? '';
    expect(effect()).toMatch(
      new RegExp(`^${name} cannot sign in or send until .+; every session they are signed in on stops at once\\.$`),
    );
    expect(effect()).not.toContain('{{');

    // Cancel gives nothing.
    fireEvent.click(within(dialog).getByTestId('moderation-ban-cancel'));
    await waitFor(() => expect(screen.queryByTestId('moderation-ban-dialog')).toBeNull());
    expect(bridge.callsOf('moderation.sanction')).toEqual([]);

    fireEvent.click(within(pane).getByTestId('moderation-ban'));
    const again = await screen.findByTestId('moderation-ban-dialog');
    fireEvent.click(within(again).getByText(en.banLengths.week));
    fireEvent.click(within(again).getByTestId('moderation-ban-confirm'));
    await waitFor(() =>
      expect(bridge.callsOf('moderation.sanction')).toEqual([
        { userId: item.message.senderId, sanction: { kind: 'ban', minutes: 10_080, reason: en.presets.contact } },
      ]),
    );

    await waitFor(() => expect(screen.queryByTestId('moderation-ban-dialog')).toBeNull());
    await waitFor(() => expect(within(pane).getByTestId('moderation-ban')).not.toHaveProperty('disabled', true));
    fireEvent.click(within(pane).getByTestId('moderation-ban'));
    const third = await screen.findByTestId('moderation-ban-dialog');
    fireEvent.click(within(third).getByText(en.banLengths.lifted));
    expect(within(third).getByTestId('moderation-ban-effect').textContent).toBe(
      `${name} cannot sign in or send until a moderator lifts the ban; every session they are signed in on stops at once.`,
    );
    fireEvent.click(within(third).getByTestId('moderation-ban-confirm'));
    await waitFor(() =>
      expect(bridge.callsOf('moderation.sanction')[1]).toEqual({
        userId: item.message.senderId,
        sanction: { kind: 'ban', reason: en.presets.contact },
      }),
    );
  });

  it('speaks Arabic: the durations and the ban’s confirmation', async () => {
    const { item, pane } = await openPane('moderator');
    await act(() => i18next.changeLanguage('ar'));
    await waitFor(() => expect(within(pane).getByTestId('moderation-mute-day').textContent).toBe(ar.muteDay));
    expect(within(pane).getByTestId('moderation-mute-week').textContent).toBe(ar.muteWeek);
    fireEvent.click(within(pane).getByTestId('moderation-ban'));
    const dialog = await screen.findByTestId('moderation-ban-dialog');
    fireEvent.click(within(dialog).getByText(ar.banLengths.lifted));
    expect(within(dialog).getByTestId('moderation-ban-effect').textContent).toBe(
      ar.banEffectUntilLifted.replace('{{name}}', item.message.senderName),
    );
  });

  it('gives a manager no sanctions to give', async () => {
    const { bridge, pane } = await openPane('manager');
    await within(pane).findByTestId('moderation-sanctions');
    for (const id of ['moderation-sanction-actions', 'moderation-mute-day', 'moderation-mute-week', 'moderation-ban']) {
      expect(within(pane).queryByTestId(id)).toBeNull();
    }
    expect(bridge.callsOf('moderation.sanction')).toEqual([]);
  });
});
