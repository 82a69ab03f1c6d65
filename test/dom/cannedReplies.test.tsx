// Managing canned replies under Settings (B10) on a fake bridge: a manager lists, creates, edits and deletes them
// through the core (a delete asks first, naming the reply); each field's problem shows on the field before anything
// is sent, and the core's refusal of a shortcut another reply has shows on the shortcut; the list is read again when
// the core says the canned replies changed; an agent reads it without any button; in Arabic too.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { CannedRepliesSection } from '../../src/renderer/src/features/cannedReplies/index.ts';
import type { CannedReply, StaffRole } from '../../src/shared/domain.ts';
import { account, changed, createFakeBridge, refused, renderWithBridge } from './fakeBridge.tsx';

const at = '2026-11-24T12:00:00.000Z';
const reply = (over: Partial<CannedReply>): CannedReply => ({
  id: crypto.randomUUID(),
  shortcut: 'where',
  title: 'Where is my order',
  body: 'Hello {{customer}}, your {{product}} is on its way.',
  language: 'en',
  createdAt: at,
  updatedAt: at,
  ...over,
});

function cannedBridge(role: StaffRole, initial: CannedReply[]) {
  let items = [...initial];
  const bridge = createFakeBridge();
  bridge.handle('account.state', () => account(role));
  bridge.handle('cannedReplies.list', () => ({ items }));
  bridge.handle('cannedReplies.create', (input) => {
    const made = reply({ ...input });
    items = [...items, made];
    return made;
  });
  bridge.handle('cannedReplies.update', ({ id, patch }) => {
    items = items.map((r) => (r.id === id ? { ...r, ...patch } : r));
    return items.find((r) => r.id === id) as CannedReply;
  });
  bridge.handle('cannedReplies.delete', ({ id }) => {
    items = items.filter((r) => r.id !== id);
    return { affected: 1 };
  });
  return { bridge, set: (next: CannedReply[]) => (items = next) };
}

afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

const rows = () => screen.queryAllByTestId('canned-row').map((r) => r.getAttribute('data-shortcut'));

describe('canned replies under Settings (B10) on a fake bridge', () => {
  it('a manager creates one: each problem shows on its field first, then it is sent and listed', async () => {
    const { bridge } = cannedBridge('manager', [reply({})]);
    renderWithBridge(bridge, <CannedRepliesSection />);
    await waitFor(() => expect(rows()).toEqual(['where']));
    fireEvent.click(screen.getByTestId('canned-add'));
    const form = await screen.findByTestId('canned-reply-form');
    fireEvent.change(within(form).getByTestId('canned-shortcut'), { target: { value: 'two words' } });
    fireEvent.change(within(form).getByTestId('canned-body'), { target: { value: 'Hi {{buyer}}' } });
    fireEvent.click(within(form).getByTestId('canned-save'));
    expect(await within(form).findByText('Letters, digits, _ or - only (no spaces, no #)')).toBeTruthy();
    expect(within(form).getByText('Required')).toBeTruthy(); // the title
    expect(
      within(form).getByText('Unknown placeholder {{buyer}}: only {{customer}}, {{seller}}, {{product}}, {{agent}}'),
    ).toBeTruthy();
    expect(bridge.callsOf('cannedReplies.create')).toEqual([]);

    fireEvent.change(within(form).getByTestId('canned-shortcut'), { target: { value: 'refund' } });
    fireEvent.change(within(form).getByTestId('canned-title'), { target: { value: 'Refund timing' } });
    fireEvent.change(within(form).getByTestId('canned-body'), {
      target: { value: 'Refunds take 5 days, {{customer}}.' },
    });
    fireEvent.click(within(form).getByTestId('canned-save'));
    await waitFor(() =>
      expect(bridge.callsOf('cannedReplies.create')).toEqual([
        { shortcut: 'refund', title: 'Refund timing', body: 'Refunds take 5 days, {{customer}}.', language: 'en' },
      ]),
    );
    await waitFor(() => expect(rows()).toEqual(['where', 'refund']));
    expect(screen.queryByTestId('canned-reply-form')).toBeNull();
  });

  it("shows the core's refusal of a taken shortcut on the shortcut; edits send only what changed", async () => {
    const existing = reply({});
    const { bridge } = cannedBridge('admin', [existing]);
    bridge.handle('cannedReplies.create', () => ({
      ...refused('conflict', 'The shortcut #where is already used in this language'),
      fields: { shortcut: 'is already used by “Where is my order”' },
    }));
    renderWithBridge(bridge, <CannedRepliesSection />);
    fireEvent.click(await screen.findByTestId('canned-add'));
    const form = await screen.findByTestId('canned-reply-form');
    fireEvent.change(within(form).getByTestId('canned-shortcut'), { target: { value: 'WHERE' } });
    fireEvent.change(within(form).getByTestId('canned-title'), { target: { value: 'Again' } });
    fireEvent.change(within(form).getByTestId('canned-body'), { target: { value: 'Text' } });
    fireEvent.click(within(form).getByTestId('canned-save'));
    expect(await within(form).findByText('Another canned reply in this language has this shortcut')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(await screen.findByRole('button', { name: 'Edit #where' }));
    const edit = await screen.findByTestId('canned-reply-form');
    expect((within(edit).getByTestId('canned-title') as HTMLInputElement).value).toBe('Where is my order');
    fireEvent.change(within(edit).getByTestId('canned-title'), { target: { value: 'Where is my parcel' } });
    fireEvent.click(within(edit).getByTestId('canned-save'));
    await waitFor(() =>
      expect(bridge.callsOf('cannedReplies.update')).toEqual([
        { id: existing.id, patch: { title: 'Where is my parcel' } },
      ]),
    );
    expect(await screen.findByText('Where is my parcel')).toBeTruthy();
  });

  it('asks before deleting, naming the reply, and follows changes the core announces', async () => {
    const existing = reply({});
    const { bridge, set } = cannedBridge('manager', [existing, reply({ shortcut: 'hours', title: 'Opening hours' })]);
    renderWithBridge(bridge, <CannedRepliesSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete #where' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Delete the canned reply #where?');
    expect(dialog.textContent).toContain('The canned reply #where “Where is my order” (English) will be deleted');
    expect(bridge.callsOf('cannedReplies.delete')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(bridge.callsOf('cannedReplies.delete')).toEqual([{ id: existing.id }]));
    await waitFor(() => expect(rows()).toEqual(['hours']));
    // Another manager added one: the core says so and the list follows.
    set([reply({ shortcut: 'hours', title: 'Opening hours' }), reply({ shortcut: 'thanks', title: 'Thanks' })]);
    act(() => bridge.emit('sessions.changed', changed({ cannedRepliesChanged: true })));
    await waitFor(() => expect(rows()).toEqual(['hours', 'thanks']));
  });

  it('an agent reads the list without buttons; the section speaks Arabic', async () => {
    const { bridge } = cannedBridge('agent', [reply({ shortcut: 'وين', title: 'أين طلبي', language: 'ar' })]);
    renderWithBridge(bridge, <CannedRepliesSection />);
    await waitFor(() => expect(rows()).toEqual(['وين']));
    expect(screen.queryByTestId('canned-add')).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit|Delete/ })).toBeNull();
    expect(screen.getByTestId('canned-readonly').textContent).toBe(
      'Only a manager or an admin may change them (your role: agent).',
    );
    await act(() => i18next.changeLanguage('ar'));
    expect(screen.getByRole('heading', { name: 'الردود الجاهزة' })).toBeTruthy();
    expect(screen.getByText('العربية')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'الاختصار' })).toBeTruthy();
  });
});
