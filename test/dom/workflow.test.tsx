// The agent workflow in the interface (B10) on a fake bridge: the conversation's workflow bar (status, assignee,
// assign to me, resolve), the reply box (Note toggle, canned replies by `#` with placeholders filled, the draft kept
// through the core), internal notes styled apart, and the sidebar's quick views with their counts.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App.tsx';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { ConversationPane } from '../../src/renderer/src/features/conversation/index.ts';
import {
  noFilters,
  toSessionFilter,
  useSessionsStore,
} from '../../src/renderer/src/features/sessions/sessionsStore.ts';
import { snoozeUntil } from '../../src/renderer/src/features/sessions/workflow.ts';
import { useSettingsStore } from '../../src/renderer/src/features/settings/settingsStore.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';
import type { SessionFilter } from '../../src/shared/api.ts';
import type { CannedReply } from '../../src/shared/domain.ts';
import {
  account,
  conversationBridge,
  frameBridge,
  message,
  renderWithBridge,
  SESSION_ID,
  session,
} from './fakeBridge.tsx';

beforeEach(() => {
  useSettingsStore.setState({ settings: null, loadError: null, saving: false });
  useNavigation.setState({ route: { name: 'sessions' }, selectedSessionId: null });
  useSessionsStore.setState({ search: '', filters: noFilters });
});
afterEach(() => initI18n('en'));

const ME = account('agent').staff as { id: string; name: string };
const canned = (over: Partial<CannedReply>): CannedReply => ({
  id: '88888888-8888-4888-8888-000000000001',
  shortcut: 'where',
  title: 'Where is my order',
  body: 'Hello {{customer}}, your {{product}} ships today. {{agent}}',
  language: 'en',
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  ...over,
});

describe('the conversation’s workflow bar', () => {
  it('shows status and assignee, assigns to me and resolves through the core', async () => {
    const { bridge } = conversationBridge('agent');
    bridge.handle('sessions.triage', ({ patch }) => session({ assigneeId: patch.assigneeId ?? null }));
    bridge.handle('sessions.resolve', () => ({ affected: 1 }));
    bridge.handle('assignees.list', () => ({ items: [] }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const bar = await screen.findByTestId('workflow-bar');
    expect(within(bar).getByTestId('workflow-status').textContent).toBe('Open');
    expect(within(bar).getByTestId('workflow-assignee').textContent).toBe('Assignee: Unassigned');
    fireEvent.click(await within(bar).findByTestId('pane-assign-me'));
    await waitFor(() =>
      expect(bridge.callsOf('sessions.triage')).toEqual([{ id: SESSION_ID, patch: { assigneeId: ME.id } }]),
    );
    fireEvent.click(within(bar).getByTestId('pane-resolve'));
    await waitFor(() => expect(bridge.callsOf('sessions.resolve')).toEqual([{ target: { ids: [SESSION_ID] } }]));
  });

  it('offers reopen for a resolved session and shows until when it is snoozed, in Arabic', async () => {
    const { bridge } = conversationBridge('agent');
    const until = new Date(Date.now() + 3_600_000).toISOString();
    bridge.handle('sessions.get', () =>
      session({ status: 'resolved', assigneeId: ME.id, assigneeName: 'عادل الدعم', snoozedUntil: until }),
    );
    bridge.handle('sessions.reopen', () => ({ affected: 1 }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    act(() => void initI18n('ar'));
    const bar = await screen.findByTestId('workflow-bar');
    await waitFor(() => expect(within(bar).getByTestId('workflow-status').textContent).toBe('محلولة'));
    expect(within(bar).getByTestId('workflow-assignee').textContent).toBe('المسؤول: عادل الدعم');
    expect(within(bar).getByTestId('workflow-snoozed').textContent).toMatch(/^مؤجلة حتى/);
    expect(within(bar).queryByTestId('pane-assign-me')).toBeNull();
    fireEvent.click(within(bar).getByTestId('pane-reopen'));
    await waitFor(() => expect(bridge.callsOf('sessions.reopen')).toEqual([{ target: { ids: [SESSION_ID] } }]));
  });
});

describe('the reply box', () => {
  it('writes an internal note with the Note toggle, styled apart, and shows notes apart in the conversation', async () => {
    const { bridge, messages } = conversationBridge('agent');
    messages.push(message({ senderRole: 'staff', kind: 'note', body: 'VIP customer' }));
    bridge.handle('messages.send', (input) => message({ senderRole: 'staff', kind: 'note', body: input.body }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const rows = await screen.findAllByTestId('message');
    const note = rows.find((r) => r.getAttribute('data-kind') === 'note') as HTMLElement;
    expect(within(note).getByTestId('note-badge').textContent).toBe('Internal note');
    fireEvent.click(screen.getByTestId('reply-note-toggle'));
    const box = (await screen.findByLabelText('Internal note')) as HTMLTextAreaElement;
    expect(screen.getByTestId('reply-box').getAttribute('data-note')).toBe('true');
    fireEvent.change(box, { target: { value: 'Refund approved' } });
    fireEvent.click(screen.getByTestId('reply-send'));
    await waitFor(() =>
      expect(bridge.callsOf('messages.send')).toEqual([{ sessionId: SESSION_ID, body: 'Refund approved', note: true }]),
    );
  });

  it('offers canned replies on # and a shortcut, and fills the placeholders from the session and the agent', async () => {
    const { bridge } = conversationBridge('agent');
    bridge.handle('cannedReplies.list', ({ search }) => ({
      items: [
        canned({}),
        canned({ id: '88888888-8888-4888-8888-000000000002', shortcut: 'thanks', body: 'Thanks!' }),
      ].filter((r) => !search || r.shortcut.startsWith(search)),
    }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const box = (await screen.findByLabelText('Reply as support')) as HTMLTextAreaElement;
    await waitFor(() => expect(screen.getByTestId('workflow-bar')).toBeTruthy());
    fireEvent.change(box, { target: { value: 'Hi! #wh', selectionStart: 7 } });
    const options = await screen.findAllByTestId('canned-option');
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('#where')]);
    expect(bridge.callsOf('cannedReplies.list')).toContainEqual({ search: 'wh' });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() =>
      expect(box.value).toBe('Hi! Hello Salma Customer, your Espresso machine ships today. Test agent'),
    );
    expect(screen.queryByTestId('canned-list')).toBeNull();
    // Enter picked the reply: nothing was sent.
    expect(bridge.callsOf('messages.send')).toEqual([]);
  });

  it('opens the canned replies from their button too, searched by what is typed, picked with the pointer', async () => {
    const { bridge } = conversationBridge('agent');
    const replies = [
      canned({}),
      canned({ id: '88888888-8888-4888-8888-000000000002', shortcut: 'thanks', title: 'Thank you', body: 'Thanks!' }),
    ];
    bridge.handle('cannedReplies.list', ({ search }) => ({
      items: replies.filter((r) => !search || `${r.shortcut} ${r.title}`.toLowerCase().includes(search)),
    }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const box = (await screen.findByLabelText('Reply as support')) as HTMLTextAreaElement;
    fireEvent.click(screen.getByTestId('reply-canned'));
    await waitFor(() => expect(screen.getAllByTestId('canned-option')).toHaveLength(2));
    expect(box.value).toBe('#');
    fireEvent.change(box, { target: { value: '#than', selectionStart: 5 } });
    await waitFor(() => expect(screen.getAllByTestId('canned-option')).toHaveLength(1));
    fireEvent.mouseDown(screen.getByTestId('canned-option'));
    await waitFor(() => expect(box.value).toBe('Thanks!'));
  });

  it('keeps a reply over 5,000 characters whole and refuses it on its field, counting down from 4,500', async () => {
    const { bridge } = conversationBridge('agent');
    bridge.handle('messages.send', (input) => message({ senderRole: 'staff', body: input.body }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const box = (await screen.findByLabelText('Reply as support')) as HTMLTextAreaElement;
    const pasted = 'x'.repeat(6000);
    fireEvent.change(box, { target: { value: pasted } });
    // Nothing cut: what was pasted is all there, with the limit named on the field and Send off.
    expect(box.value).toBe(pasted);
    expect(box.hasAttribute('maxlength')).toBe(false);
    expect(await screen.findByText('must be at most 5,000 characters: shorten it to send')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/6,000 of 5,000 characters/)).toBeTruthy();
    expect((screen.getByTestId('reply-send') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(bridge.callsOf('messages.send')).toEqual([]);
    // Shortened to the limit, it goes.
    fireEvent.change(box, { target: { value: 'y'.repeat(5000) } });
    expect(screen.queryByText(/must be at most/)).toBeNull();
    expect(screen.getByText(/5,000 of 5,000 characters/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('reply-send'));
    await waitFor(() =>
      expect(bridge.callsOf('messages.send')).toEqual([{ sessionId: SESSION_ID, body: 'y'.repeat(5000) }]),
    );
    // A short reply shows no count.
    await waitFor(() => expect(box.value).toBe(''));
    fireEvent.change(box, { target: { value: 'Thanks!' } });
    expect(screen.queryByText(/of 5,000 characters/)).toBeNull();
  });

  it('opens with the session’s draft and keeps what is typed through the core', async () => {
    const { bridge } = conversationBridge('agent');
    bridge.handle('drafts.get', () => ({ body: 'Half-written', note: true }));
    bridge.handle('drafts.set', (input) => ({ body: input.body, note: input.note }));
    renderWithBridge(bridge, <ConversationPane sessionId={SESSION_ID} />);
    const box = (await screen.findByLabelText('Internal note')) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('Half-written'));
    fireEvent.change(box, { target: { value: 'Half-written, now finished' } });
    await waitFor(() =>
      expect(bridge.callsOf('drafts.set')).toContainEqual({
        sessionId: SESSION_ID,
        body: 'Half-written, now finished',
        note: true,
      }),
    );
  });
});

describe('quick views in the sidebar', () => {
  it('opens an agent on their own and the unassigned open sessions', async () => {
    const bridge = frameBridge({ role: 'agent' });
    bridge.handle('sessions.page', () => ({ rows: [], total: 0 }));
    renderWithBridge(bridge, <App />);
    await screen.findByTestId('quick-views');
    await waitFor(() =>
      expect(bridge.callsOf('sessions.page')).toContainEqual(
        expect.objectContaining({ filter: { status: 'open', snoozed: false, assignee: 'meOrNone' } }),
      ),
    );
    const { search, filters } = useSessionsStore.getState();
    expect(toSessionFilter(search, filters)).toEqual({ status: 'open', snoozed: false, assignee: 'meOrNone' });
    expect(screen.getByTestId('filter-assignee').getAttribute('value')).toBe('Me or unassigned');
  });

  it('lists Mine, Unassigned and All open with their counts and opens the list filtered', async () => {
    const bridge = frameBridge({ role: 'agent' });
    const totals = new Map<string, number>([
      [JSON.stringify({ status: 'open', snoozed: false, assignee: 'me' }), 3],
      [JSON.stringify({ status: 'open', snoozed: false, assignee: 'none' }), 12],
      [JSON.stringify({ status: 'open', snoozed: false }), 40],
    ]);
    bridge.handle('sessions.page', ({ filter }) => ({
      rows: [],
      total: totals.get(JSON.stringify(filter as SessionFilter)) ?? 0,
    }));
    useNavigation.setState({ route: { name: 'users' }, selectedSessionId: null });
    renderWithBridge(bridge, <App />);
    const views = await screen.findByTestId('quick-views');
    await waitFor(() => expect(within(views).getByTestId('view-count-unassigned').textContent).toBe('12'));
    expect(within(views).getByTestId('view-count-mine').textContent).toBe('3');
    expect(within(views).getByTestId('view-count-allOpen').textContent).toBe('40');
    fireEvent.click(within(views).getByTestId('view-mine'));
    expect(useNavigation.getState().route).toEqual({
      name: 'sessions',
      filter: { status: 'open', snoozed: false, assignee: 'me' },
    });
  });
});

describe('snooze times', () => {
  it('offers an hour from now, tomorrow 9:00 and next Monday 9:00', () => {
    const wednesday = new Date(2026, 11, 2, 15, 30);
    expect(snoozeUntil('hour', wednesday)).toEqual(new Date(2026, 11, 2, 16, 30));
    expect(snoozeUntil('tomorrow', wednesday)).toEqual(new Date(2026, 11, 3, 9, 0));
    expect(snoozeUntil('nextWeek', wednesday)).toEqual(new Date(2026, 11, 7, 9, 0));
    expect(snoozeUntil('nextWeek', new Date(2026, 11, 7, 8, 0))).toEqual(new Date(2026, 11, 14, 9, 0));
  });
});
