import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { ConversationPane } from '../../src/renderer/src/features/conversation/index.ts';
import { useSettingsStore } from '../../src/renderer/src/features/settings/settingsStore.ts';
import {
  changed,
  conversationBridge,
  message,
  OTHER_SESSION_ID,
  refused,
  renderWithBridge,
  SESSION_ID,
  session,
} from './fakeBridge.tsx';

beforeEach(() => {
  useSettingsStore.setState({ settings: null, loadError: null, saving: false });
  useNavigation.setState({ route: { name: 'sessions' }, selectedSessionId: null });
});

describe('conversation pane on a fake bridge', () => {
  it('shows the product, both participants, the related order and the messages oldest first with sender, read state and flags', async () => {
    const { bridge } = conversationBridge();
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message');
    expect(rows.map((r) => r.getAttribute('data-sender'))).toEqual(['customer', 'seller', 'staff']);
    expect(rows[0]?.textContent).toContain('Is it still available?');
    expect(within(rows[0] as HTMLElement).getByText('Unread')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText(/Read/)).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText(/Flagged: phone number/)).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Support')).toBeTruthy();
    const header = screen.getByTestId('conversation-header');
    expect(header.textContent).toContain('Espresso machine');
    expect(header.textContent).toContain('Salma Customer');
    expect(header.textContent).toContain('Omar Seller');
    expect(await within(header).findByText(/\$450\.00/)).toBeTruthy();
    expect(screen.getByTestId('related-orders').textContent).toContain('Paid');
    expect(screen.getByTestId('unread-count').textContent).toBe('Unread count: 2');
    // Opening the pane marks nothing read by itself.
    expect(bridge.callsOf('messages.markRead')).toEqual([]);
  });

  it('refetches when sessions.changed names its session and appends the new message, and ignores other sessions', async () => {
    const { bridge, messages } = conversationBridge();
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    await screen.findAllByTestId('message');
    const listCalls = bridge.callsOf('messages.list').length;
    act(() => bridge.emit('sessions.changed', changed({ sessionIds: [OTHER_SESSION_ID], unreadTotal: 5 })));
    expect(bridge.callsOf('messages.list').length).toBe(listCalls);

    messages.push(message({ body: 'Can you ship to Jeddah?' }));
    bridge.handle('sessions.get', () => session({ messagesCount: 4, unreadCount: 3 }));
    act(() => bridge.emit('sessions.changed', changed({ sessionIds: [SESSION_ID], unreadTotal: 6 })));
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(4));
    expect(screen.getAllByTestId('message')[3]?.textContent).toContain('Can you ship to Jeddah?');
    expect(screen.getByTestId('unread-count').textContent).toBe('Unread count: 3');
  });

  it('says so when the session is deleted elsewhere', async () => {
    const { bridge } = conversationBridge();
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    await screen.findAllByTestId('message');
    act(() => bridge.emit('sessions.changed', changed({ deletedIds: [SESSION_ID] })));
    expect(await screen.findByText('This chat session was deleted.')).toBeTruthy();
  });

  it('sends the reply as support on Enter, keeps Shift+Enter as a newline, and empties the box', async () => {
    const { bridge } = conversationBridge();
    bridge.handle('messages.send', (input) => message({ senderRole: 'staff', body: input.body }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const box = (await screen.findByLabelText('Reply as support')) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Hello' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(bridge.callsOf('messages.send')).toEqual([]);
    fireEvent.change(box, { target: { value: 'Hello\nIt ships tomorrow' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() =>
      expect(bridge.callsOf('messages.send')).toEqual([{ sessionId: SESSION_ID, body: 'Hello\nIt ships tomorrow' }]),
    );
    await waitFor(() => expect(box.value).toBe(''));
  });

  it('keeps the text and shows why when the core refuses the reply', async () => {
    const { bridge } = conversationBridge();
    bridge.handle('messages.send', () => refused('forbidden', 'Your role may not reply'));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const box = (await screen.findByLabelText('Reply as support')) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Hi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The reply was not sent: Your role may not reply');
    expect(box.value).toBe('Hi');
  });

  it('disables the reply box with the reason for a role without messages.reply', async () => {
    const { bridge } = conversationBridge('agent');
    bridge.handle('account.state', () => ({
      signedIn: true,
      backendUrl: 'http://x',
      staff: { id: '00000000-0000-4000-8000-0000000000aa', name: 'Viewer', email: 'v@test', role: 'agent' },
      permissions: ['sessions.read'],
    }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    await screen.findAllByTestId('message');
    await waitFor(() => expect((screen.getByLabelText('Reply as support') as HTMLTextAreaElement).disabled).toBe(true));
    expect(screen.getByText('Your role (agent) may read conversations but not answer them.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark all messages read' })).toBeNull();
  });

  it('marks all read through messages.markRead and shows a refusal', async () => {
    const { bridge } = conversationBridge();
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const button = await screen.findByRole('button', { name: 'Mark all messages read' });
    fireEvent.click(button);
    await waitFor(() => expect(bridge.callsOf('messages.markRead')).toEqual([{ sessionId: SESSION_ID }]));
    bridge.handle('messages.markRead', () => refused('offline', 'The backend cannot be reached'));
    fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toContain('The backend cannot be reached');
  });

  it('tells that chat in the mobile app is off', async () => {
    const { bridge } = conversationBridge();
    bridge.handle('settings.get', () => ({ chatMobileEnabled: false }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    expect((await screen.findByTestId('chat-disabled')).textContent).toContain(
      'Chat in the mobile app is switched off',
    );
  });

  it('shows a load failure from the bridge', async () => {
    const { bridge } = conversationBridge();
    bridge.handle('sessions.get', () => refused('not_found', 'No chat session with id x'));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not load the conversation: No chat session with id x',
    );
  });

  it('opens the message page from the pane', async () => {
    const { bridge } = conversationBridge();
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Manage messages' }));
    expect(useNavigation.getState().route).toEqual({ name: 'session', sessionId: SESSION_ID });
  });
});
