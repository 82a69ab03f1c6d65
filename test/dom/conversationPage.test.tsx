import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { ConversationPreviewModal, SessionMessagesPage } from '../../src/renderer/src/features/conversation/index.ts';
import { useSettingsStore } from '../../src/renderer/src/features/settings/settingsStore.ts';
import { changed, conversationBridge, message, renderWithBridge, SESSION_ID, session } from './fakeBridge.tsx';

beforeEach(() => {
  useSettingsStore.setState({ settings: null, loadError: null, saving: false });
  useNavigation.setState({ route: { name: 'session', sessionId: SESSION_ID }, selectedSessionId: null });
});

describe('session message page (F10) on a fake bridge', () => {
  it('lists content, sender, time and read state, one row per message', async () => {
    const { bridge } = conversationBridge('moderator');
    renderWithBridge(bridge, <SessionMessagesPage sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message-row');
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.getAttribute('data-unread'))).toEqual(['true', 'false', 'false']);
    expect(within(rows[0] as HTMLElement).getByText('Customer')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Seller')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Support')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getAllByText(/ago|now/).length).toBeGreaterThan(0);
  });

  it('deletes a message only after confirmation, and the counts follow the change event', async () => {
    const { bridge, messages } = conversationBridge('moderator');
    renderWithBridge(bridge, <SessionMessagesPage sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message-row');
    fireEvent.click(within(rows[1] as HTMLElement).getByRole('button', { name: 'Delete message' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Delete this message?');
    expect(dialog.textContent).toContain('call me on');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsOf('messages.delete')).toEqual([]);

    fireEvent.click(within(rows[1] as HTMLElement).getByRole('button', { name: 'Delete message' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete for good' }));
    const deleted = messages[1]?.id;
    await waitFor(() => expect(bridge.callsOf('messages.delete')).toEqual([{ id: deleted }]));

    messages.splice(1, 1);
    bridge.handle('sessions.get', () => session({ messagesCount: 2, flaggedCount: 0 }));
    act(() => bridge.emit('sessions.changed', changed({ sessionIds: [SESSION_ID], unreadTotal: 2 })));
    await waitFor(() => expect(screen.getAllByTestId('message-row')).toHaveLength(2));
    expect(screen.getByTestId('messages-count').textContent).toBe('Messages count: 2');
  });

  it('marks one, the checked ones, or all read', async () => {
    const { bridge, messages } = conversationBridge('agent');
    renderWithBridge(bridge, <SessionMessagesPage sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message-row');
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: 'Mark read' }));
    await waitFor(() =>
      expect(bridge.callsOf('messages.markRead')).toEqual([{ sessionId: SESSION_ID, ids: [messages[0]?.id] }]),
    );
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('checkbox', { name: 'Select this message' }));
    fireEvent.click(screen.getByRole('button', { name: 'Mark selected read (1)' }));
    await waitFor(() => expect(bridge.callsOf('messages.markRead')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Mark all messages read' }));
    await waitFor(() => expect(bridge.callsOf('messages.markRead')[2]).toEqual({ sessionId: SESSION_ID }));
    // An agent may not delete: no delete buttons, and the reason is said.
    expect(screen.queryByRole('button', { name: 'Delete message' })).toBeNull();
    expect(screen.getByText('Your role may not delete messages.')).toBeTruthy();
  });

  it('adds a message as support', async () => {
    const { bridge } = conversationBridge('admin');
    bridge.handle('messages.send', (input) => message({ senderRole: 'staff', body: input.body }));
    renderWithBridge(bridge, <SessionMessagesPage sessionId={SESSION_ID} />);
    const box = await screen.findByLabelText('Add a message');
    fireEvent.change(box, { target: { value: 'Added by hand' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(bridge.callsOf('messages.send')).toEqual([{ sessionId: SESSION_ID, body: 'Added by hand' }]),
    );
  });
});

describe('conversation preview modal (F7) on a fake bridge', () => {
  it('shows the conversation read-only and calls nothing that writes', async () => {
    const { bridge } = conversationBridge('admin');
    let closed = 0;
    renderWithBridge(bridge, <ConversationPreviewModal sessionId={SESSION_ID} opened onClose={() => (closed += 1)} />);
    const preview = await screen.findByTestId('conversation-preview');
    await waitFor(() => expect(within(preview).getAllByTestId('message')).toHaveLength(3));
    expect(preview.textContent).toContain('Preview — nothing is marked read.');
    expect(within(preview).queryByRole('textbox')).toBeNull();
    const writes = bridge.calls.filter((c) => /send|markRead|delete|update/.test(c.name));
    expect(writes).toEqual([]);
    fireEvent.click(within(preview).getByRole('button', { name: 'Manage messages' }));
    expect(closed).toBe(1);
    expect(useNavigation.getState().route).toEqual({ name: 'session', sessionId: SESSION_ID });
  });
});
