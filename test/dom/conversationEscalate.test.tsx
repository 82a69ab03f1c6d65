// B9 "Send to moderation" on a fake bridge: an agent sends a participant's message to the review queue with a note
// from the conversation pane (through the core), and the message then says when it was sent; removed messages,
// system messages, internal notes and support's own messages offer no such action; a manager has it on the message
// page; moderators and admins, who decide on the queue, do not; in Arabic too.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { ConversationPane, SessionMessagesPage } from '../../src/renderer/src/features/conversation/index.ts';
import { untilText } from '../../src/renderer/src/features/conversation/moderationMarks.tsx';
import { conversationStrings } from '../../src/renderer/src/features/conversation/strings.ts';
import { useSettingsStore } from '../../src/renderer/src/features/settings/settingsStore.ts';
import type { StaffRole } from '../../src/shared/domain.ts';
import { conversationBridge, message, renderWithBridge, SESSION_ID } from './fakeBridge.tsx';

const { en, ar } = conversationStrings;

beforeEach(() => {
  useSettingsStore.setState({ settings: null, loadError: null, saving: false });
  useNavigation.setState({ route: { name: 'sessions' }, selectedSessionId: null });
});
afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

/** The customer's and seller's messages, support's reply, and a removed message, a system message and a note. */
function escalateBridge(role: StaffRole) {
  const { bridge, messages } = conversationBridge(role);
  const removed = message({ senderRole: 'seller', body: 'removed one', removed: true, removedReason: 'Spam' });
  const system = message({ senderRole: 'staff', kind: 'system', body: 'A moderator warned you' });
  const note = message({ senderRole: 'staff', kind: 'note', body: 'internal: watch this seller' });
  messages.push(removed, system, note);
  bridge.handle('moderation.escalate', () => ({ actionId: 'e1' }));
  bridge.handle('moderation.activeSanctions', () => ({ items: [] }));
  const [customer, seller, staff] = messages.map((m) => m.id);
  return { bridge, customer, seller, staff, removed: removed.id, system: system.id, note: note.id };
}

const byId = (rows: HTMLElement[], id: string | undefined) =>
  rows.find((r) => r.getAttribute('data-message-id') === id) as HTMLElement;

describe('Send to moderation (B9)', () => {
  it('an agent sends a participant’s message with a note from the pane; it then says when', async () => {
    const ids = escalateBridge('agent');
    renderWithBridge(ids.bridge, <ConversationPane sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message');
    const seller = byId(rows, ids.seller);
    const button = await within(seller).findByTestId('message-escalate');
    expect(button.textContent).toBe(en.moderation.escalate);
    // Only the customer's and seller's ordinary messages offer it.
    expect(screen.getAllByTestId('message-escalate')).toHaveLength(2);
    expect(within(byId(rows, ids.customer)).queryByTestId('message-escalate')).not.toBeNull();
    for (const id of [ids.staff, ids.removed, ids.system, ids.note]) {
      expect(within(byId(rows, id)).queryByTestId('message-escalate')).toBeNull();
    }

    fireEvent.click(button);
    const send = await screen.findByTestId('message-escalate-send');
    expect(send).toHaveProperty('disabled', true);
    // A note over 1,000 characters is kept whole, named on its field and not sent.
    const long = 'x'.repeat(1200);
    fireEvent.change(screen.getByTestId('message-escalate-note'), { target: { value: long } });
    expect((screen.getByTestId('message-escalate-note') as HTMLTextAreaElement).value).toBe(long);
    expect(await screen.findByText('must be at most 1,000 characters (1,200 now)')).toBeTruthy();
    expect(send).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByTestId('message-escalate-note'), {
      target: { value: '  asks the buyer to pay by bank transfer  ' },
    });
    expect(screen.queryByText(/must be at most/)).toBeNull();
    fireEvent.click(screen.getByTestId('message-escalate-send'));
    await waitFor(() =>
      expect(ids.bridge.callsOf('moderation.escalate')).toEqual([
        { messageId: ids.seller, note: 'asks the buyer to pay by bank transfer' },
      ]),
    );
    const mark = await within(seller).findByTestId('message-escalated');
    const at = mark.getAttribute('data-sent-at') as string;
    expect(Date.now() - Date.parse(at)).toBeLessThan(60_000);
    expect(mark.textContent).toBe(`Sent to moderation at ${untilText(at, 'en')}`);
    expect(within(seller).queryByTestId('message-escalate')).toBeNull();

    await act(() => i18next.changeLanguage('ar'));
    await waitFor(() =>
      expect(
        within(byId(screen.getAllByTestId('message'), ids.customer)).getByTestId('message-escalate').textContent,
      ).toBe(ar.moderation.escalate),
    );
    expect(
      within(byId(screen.getAllByTestId('message'), ids.seller)).getByTestId('message-escalated').textContent,
    ).toBe(`أُرسلت إلى الإشراف في ${untilText(at, 'ar')}`);
  });

  it('a manager has it on the message page, for the participants’ messages only', async () => {
    const ids = escalateBridge('manager');
    renderWithBridge(ids.bridge, <SessionMessagesPage sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message-row');
    const customer = byId(rows, ids.customer);
    fireEvent.click(await within(customer).findByTestId('message-escalate'));
    fireEvent.change(await screen.findByTestId('message-escalate-note'), { target: { value: 'rude to the seller' } });
    fireEvent.click(screen.getByTestId('message-escalate-send'));
    await waitFor(() =>
      expect(ids.bridge.callsOf('moderation.escalate')).toEqual([
        { messageId: ids.customer, note: 'rude to the seller' },
      ]),
    );
    await within(customer).findByTestId('message-escalated');
    for (const id of [ids.staff, ids.removed, ids.system, ids.note]) {
      expect(within(byId(rows, id)).queryByTestId('message-escalate')).toBeNull();
    }
  });

  for (const role of ['moderator', 'admin'] as const) {
    it(`a ${role}, who decides on the queue, is offered no Send to moderation`, async () => {
      const ids = escalateBridge(role);
      renderWithBridge(ids.bridge, <ConversationPane sessionId={SESSION_ID} />);
      await screen.findAllByTestId('message');
      // The restore button shows the account has arrived before the absence is checked.
      await screen.findByTestId('message-restore');
      expect(screen.queryByTestId('message-escalate')).toBeNull();
    });
  }
});
