// The moderation rules panel (B9) on a fake bridge: a moderator adds a blocked word, turns link detection off and saves
// through the core, made from the revision shown; a field the core refuses is named on its input; a queued change the
// backend refused because the rules changed meanwhile is said (English and Arabic) and the rules in force shown; a
// manager reads the rules without changing them; offline and pending edits are said.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ModerationPage } from '../../src/renderer/src/features/moderation/index.ts';
import { moderationStrings } from '../../src/renderer/src/features/moderation/strings.ts';
import type { StaffRole } from '../../src/shared/domain.ts';
import type { DeskModerationRules } from '../../src/shared/moderationDesk.ts';
import { account, createFakeBridge, refused, renderWithBridge } from './fakeBridge.tsx';

const en = moderationStrings.en;
const ar = moderationStrings.ar;
const REVISION = '00000000-0000-4000-8000-00000000a001';
const NEXT_REVISION = '00000000-0000-4000-8000-00000000a002';

function rulesBridge(role: StaffRole, overrides: Partial<DeskModerationRules> = {}) {
  const bridge = createFakeBridge();
  let rules: DeskModerationRules = {
    revision: REVISION,
    blockedWords: ['whatsapp'],
    allowedDomains: ['chatdesk.example'],
    detectPhones: true,
    detectEmails: true,
    detectLinks: true,
    updatedAt: '2026-12-01T09:00:00.000Z',
    updatedBy: { id: '00000000-0000-4000-8000-0000000000bb', name: 'Mona Moderator' },
    ...overrides,
  };
  bridge.handle('account.state', () => account(role));
  bridge.handle('moderation.queue', () => ({ items: [], total: 0 }));
  bridge.handle('moderation.rules', () => rules);
  bridge.handle('moderation.updateRules', (input) => {
    rules = { ...rules, ...input, pending: true };
    return { actionId: 'r1' };
  });
  return bridge;
}

async function openRules() {
  fireEvent.click(await screen.findByTestId('moderation-rules-open'));
  return screen.findByTestId('moderation-rules');
}

describe('the moderation rules (B9)', () => {
  it('a moderator adds a blocked word, turns links off and saves through the core', async () => {
    const bridge = rulesBridge('moderator');
    renderWithBridge(bridge, <ModerationPage />);
    const panel = await openRules();
    await within(panel).findByText('whatsapp');
    expect(within(panel).getByTestId('moderation-rules-updated').textContent).toContain('Mona Moderator');
    const words = within(panel).getByLabelText(en.rules.blockedWords);
    // Typed into the focused field, then Enter.
    words.focus();
    fireEvent.change(words, { target: { value: 'telegram' } });
    fireEvent.keyDown(words, { key: 'Enter' });
    fireEvent.click(within(panel).getByRole('switch', { name: en.rules.detectLinks }));
    fireEvent.click(within(panel).getByTestId('moderation-rules-save'));
    await waitFor(() =>
      expect(bridge.callsOf('moderation.updateRules')).toEqual([
        {
          revision: REVISION,
          blockedWords: ['whatsapp', 'telegram'],
          allowedDomains: ['chatdesk.example'],
          detectPhones: true,
          detectEmails: true,
          detectLinks: false,
        },
      ]),
    );
    // Queued: shown as made, waiting to be sent.
    await within(panel).findByTestId('moderation-rules-pending');
  });

  it('says a queued change was refused because the rules changed meanwhile, and shows the rules in force', async () => {
    for (const [lang, strings] of [
      ['en', en],
      ['ar', ar],
    ] as const) {
      const bridge = rulesBridge('moderator');
      const { unmount } = renderWithBridge(bridge, <ModerationPage />);
      await act(() => i18next.changeLanguage(lang));
      const panel = await openRules();
      await within(panel).findByText('whatsapp');
      const words = within(panel).getByLabelText(strings.rules.blockedWords);
      words.focus();
      fireEvent.change(words, { target: { value: 'paypal' } });
      fireEvent.keyDown(words, { key: 'Enter' });
      fireEvent.click(within(panel).getByTestId('moderation-rules-save'));
      await within(panel).findByTestId('moderation-rules-pending');
      // Meanwhile someone else changed the rules; the backend refuses the queued edit and the core drops it.
      bridge.handle('moderation.rules', () => ({
        revision: NEXT_REVISION,
        blockedWords: ['whatsapp', 'venmo'],
        allowedDomains: ['chatdesk.example'],
        detectPhones: false,
        detectEmails: true,
        detectLinks: true,
        updatedAt: '2026-12-05T10:00:00.000Z',
        updatedBy: { id: '00000000-0000-4000-8000-0000000000cc', name: 'Badr Moderator' },
      }));
      act(() =>
        bridge.emit('action.failed', {
          actionId: 'r1',
          kind: 'moderation.updateRules',
          summary: 'Change the moderation rules',
          error: {
            code: 'conflict',
            message: 'The rules were changed by Badr Moderator since revision …',
            fields: { revision: `is not the current revision (${NEXT_REVISION})` },
          },
        }),
      );
      expect((await within(panel).findByTestId('moderation-rules-refused')).textContent).toBe(strings.rules.conflict);
      // The rules in force: the other moderator's word, not the refused one, nothing pending.
      await within(panel).findByText('venmo');
      expect(within(panel).queryByText('paypal')).toBeNull();
      expect(within(panel).queryByTestId('moderation-rules-pending')).toBeNull();
      expect(within(panel).getByTestId('moderation-rules-updated').textContent).toContain('Badr Moderator');
      // A change made now is made from the revision in force.
      fireEvent.click(within(panel).getByRole('switch', { name: strings.rules.detectLinks }));
      fireEvent.click(within(panel).getByTestId('moderation-rules-save'));
      await waitFor(() =>
        expect(bridge.callsOf('moderation.updateRules').at(-1)).toMatchObject({
          revision: NEXT_REVISION,
          blockedWords: ['whatsapp', 'venmo'],
          detectLinks: false,
        }),
      );
      expect(within(panel).queryByTestId('moderation-rules-refused')).toBeNull();
      unmount();
    }
  });

  it('names the field the core refuses', async () => {
    const bridge = rulesBridge('admin');
    bridge.handle('moderation.updateRules', () => ({
      ...refused('bad_request', 'allowedDomains.1: is not a domain name'),
      fields: { 'allowedDomains.1': 'is not a domain name (write it like shop.example.com: no http://, port or path)' },
    }));
    renderWithBridge(bridge, <ModerationPage />);
    const panel = await openRules();
    const domains = await within(panel).findByLabelText(en.rules.allowedDomains);
    domains.focus();
    fireEvent.change(domains, { target: { value: 'http://bad' } });
    fireEvent.keyDown(domains, { key: 'Enter' });
    fireEvent.click(within(panel).getByTestId('moderation-rules-save'));
    expect((await within(panel).findByTestId('moderation-rules-save-error')).textContent).toContain('allowedDomains.1');
    expect(panel.textContent).toContain('is not a domain name (write it like shop.example.com');
  });

  it('a manager reads them, offline, without changing them', async () => {
    const bridge = rulesBridge('manager', { cached: true, updatedAt: null, updatedBy: null });
    renderWithBridge(bridge, <ModerationPage />);
    const panel = await openRules();
    await within(panel).findByTestId('moderation-rules-read-only');
    expect(within(panel).getByTestId('moderation-rules-offline').textContent).toBe(en.rules.offline);
    expect(within(panel).getByTestId('moderation-rules-updated').textContent).toBe(en.rules.asInstalled);
    expect(within(panel).queryByTestId('moderation-rules-save')).toBeNull();
    expect((within(panel).getByRole('switch', { name: en.rules.detectPhones }) as HTMLInputElement).disabled).toBe(
      true,
    );
  });
});
