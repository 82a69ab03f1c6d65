// The moderation rules panel (B9) on a fake bridge: a moderator adds a blocked word, turns link detection off and saves
// through the core; a field the core refuses is named on its input; a manager reads the rules without changing them;
// offline and pending edits are said.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ModerationPage } from '../../src/renderer/src/features/moderation/index.ts';
import { moderationStrings } from '../../src/renderer/src/features/moderation/strings.ts';
import type { StaffRole } from '../../src/shared/domain.ts';
import type { DeskModerationRules } from '../../src/shared/moderationDesk.ts';
import { account, createFakeBridge, refused, renderWithBridge } from './fakeBridge.tsx';

const en = moderationStrings.en;

function rulesBridge(role: StaffRole, overrides: Partial<DeskModerationRules> = {}) {
  const bridge = createFakeBridge();
  let rules: DeskModerationRules = {
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
