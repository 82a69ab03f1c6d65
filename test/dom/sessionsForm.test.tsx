// The create and edit form of a chat session (F9, F7 Edit): its own checks, the core's refusals shown on the field,
// the product proposing its seller, and what each button does. Rendered in happy-dom on a fake bridge (canned
// answers per call); the real core and browser run in test/e2e/sessions.test.ts.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BridgeError } from '../../src/renderer/src/bridge/bridgeHooks.ts';
import {
  DATE_TIME_FORMAT,
  fieldErrorsFrom,
  SessionFormBody,
  validateSessionForm,
} from '../../src/renderer/src/features/sessions/SessionForm.tsx';
import type { ErrorInfo } from '../../src/shared/errors.ts';
import { createFakeBridge, renderWithBridge, session } from './fakeBridge.tsx';

const PRODUCT = {
  id: '55555555-5555-4555-8555-555555555555',
  label: 'Espresso machine',
  sellerId: '44444444-4444-4444-8444-444444444444',
  hint: 'Omar Seller',
};
const CUSTOMER = { id: '33333333-3333-4333-8333-333333333333', label: 'Salma Customer', hint: 'salma@x.test' };
const SELLER = { id: '44444444-4444-4444-8444-444444444444', label: 'Omar Seller', hint: 'omar@x.test' };
const t = (key: string) =>
  ({
    'form.required': 'is required',
    'form.sameParty': 'must differ from the customer',
    'form.invalidDate': 'must be a valid date and time',
  })[key] ?? key;

function formBridge() {
  const bridge = createFakeBridge();
  bridge.handle('options.products', () => ({ items: [PRODUCT] }));
  bridge.handle('options.users', (input) => ({ items: input.role === 'customer' ? [CUSTOMER] : [SELLER] }));
  bridge.handle('sessions.create', (input) =>
    session({ id: '99999999-9999-4999-8999-999999999999', lastMessageAt: input.lastMessageAt }),
  );
  bridge.handle('sessions.update', () => session());
  return bridge;
}

async function choose(testId: string, label: string) {
  const input = screen.getByTestId(testId) as HTMLInputElement;
  fireEvent.click(input);
  fireEvent.change(input, { target: { value: label.slice(0, 4) } });
  const option = await screen.findByRole('option', { name: new RegExp(label), hidden: true }, { timeout: 3000 });
  fireEvent.click(option);
  await waitFor(() => expect(input.value).toBe(label));
}

describe('session form checks (F9)', () => {
  it('requires product, customer, seller and a real time, and refuses a customer equal to the seller', () => {
    const empty = validateSessionForm({ productId: null, customerId: null, sellerId: null, lastMessageAt: null }, t);
    expect(empty).toEqual({
      productId: 'is required',
      customerId: 'is required',
      sellerId: 'is required',
      lastMessageAt: 'is required',
    });
    const same = validateSessionForm(
      { productId: 'p', customerId: 'u', sellerId: 'u', lastMessageAt: '2026-11-27 10:00:00' },
      t,
    );
    expect(same).toEqual({ sellerId: 'must differ from the customer' });
    const badDate = validateSessionForm(
      { productId: 'p', customerId: 'c', sellerId: 's', lastMessageAt: 'not a date' },
      t,
    );
    expect(badDate).toEqual({ lastMessageAt: 'must be a valid date and time' });
  });

  it("puts the core's field errors on the form's fields (plain or under patch.)", () => {
    const error = new BridgeError({
      code: 'bad_request',
      message: 'Wrong participant',
      fields: { 'patch.customerId': 'is not a customer', sellerId: 'no such seller', other: 'ignored' },
    });
    expect(fieldErrorsFrom(error)).toEqual({ customerId: 'is not a customer', sellerId: 'no such seller' });
    expect(fieldErrorsFrom(new Error('boom'))).toEqual({});
  });

  it('shows the time as m/d/Y h:i:s AM/PM, now by default', () => {
    expect(DATE_TIME_FORMAT).toBe('MM/DD/YYYY hh:mm:ss A');
    renderWithBridge(formBridge(), <SessionFormBody session={null} onClose={() => {}} onSaved={() => {}} />);
    const picker = screen.getByTestId('form-last-message-at');
    expect(picker.textContent).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (AM|PM)$/);
    const shown = picker.textContent as string;
    const [date, time, ampm] = shown.split(' ') as [string, string, string];
    const [m, d, y] = date.split('/').map(Number) as [number, number, number];
    const [h, min, s] = time.split(':').map(Number) as [number, number, number];
    const at = new Date(y, m - 1, d, (h % 12) + (ampm === 'PM' ? 12 : 0), min, s);
    expect(Math.abs(at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('shows "is required" on each empty field and asks the core nothing', async () => {
    const bridge = formBridge();
    renderWithBridge(bridge, <SessionFormBody session={null} onClose={() => {}} onSaved={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.getAllByText('is required')).toHaveLength(3));
    expect(bridge.callsOf('sessions.create')).toEqual([]);
  });

  it('proposes the product’s seller, creates, and with "Create & create another" stays on an empty form', async () => {
    const bridge = formBridge();
    const onSaved = vi.fn();
    renderWithBridge(bridge, <SessionFormBody session={null} onClose={() => {}} onSaved={onSaved} />);
    await choose('form-product', PRODUCT.label);
    await waitFor(() => expect((screen.getByTestId('form-seller') as HTMLInputElement).value).toBe(SELLER.label));
    await choose('form-customer', CUSTOMER.label);
    fireEvent.click(screen.getByRole('button', { name: 'Create & create another' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(onSaved.mock.calls[0]?.[1]).toBe(true);
    const [input] = bridge.callsOf('sessions.create') as Array<Record<string, string>>;
    expect(input).toMatchObject({ productId: PRODUCT.id, customerId: CUSTOMER.id, sellerId: SELLER.id });
    expect(Math.abs(Date.parse(input?.lastMessageAt as string) - Date.now())).toBeLessThan(60_000);
    await waitFor(() => expect((screen.getByTestId('form-product') as HTMLInputElement).value).toBe(''));
    expect((screen.getByTestId('form-customer') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('form-seller') as HTMLInputElement).value).toBe('');
  });

  it('shows a refusal of the core on its field and keeps what was typed', async () => {
    const bridge = formBridge();
    const refusal: ErrorInfo & { refused: true } = {
      code: 'conflict',
      message: 'The customer and the seller must be different people',
      fields: { sellerId: 'must differ from the customer' },
      refused: true,
    };
    bridge.handle('sessions.create', () => refusal);
    const onSaved = vi.fn();
    renderWithBridge(bridge, <SessionFormBody session={null} onClose={() => {}} onSaved={onSaved} />);
    await choose('form-product', PRODUCT.label);
    await choose('form-customer', CUSTOMER.label);
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await screen.findByText('must differ from the customer');
    expect(screen.getByRole('alert').textContent).toContain('The customer and the seller must be different people');
    expect(onSaved).not.toHaveBeenCalled();
    expect((screen.getByTestId('form-product') as HTMLInputElement).value).toBe(PRODUCT.label);
  });

  it('Cancel closes and saves nothing', () => {
    const bridge = formBridge();
    const onClose = vi.fn();
    renderWithBridge(bridge, <SessionFormBody session={null} onClose={onClose} onSaved={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(bridge.callsOf('sessions.create')).toEqual([]);
  });

  it('edits: comes filled in with the session and saves a patch', async () => {
    const bridge = formBridge();
    const onSaved = vi.fn();
    const current = session();
    renderWithBridge(bridge, <SessionFormBody session={current} onClose={() => {}} onSaved={onSaved} />);
    expect((screen.getByTestId('form-product') as HTMLInputElement).value).toBe(current.product.name);
    expect((screen.getByTestId('form-customer') as HTMLInputElement).value).toBe(current.customer.name);
    expect((screen.getByTestId('form-seller') as HTMLInputElement).value).toBe(current.seller.name);
    expect(screen.queryByRole('button', { name: 'Create & create another' })).toBeNull();
    fireEvent.click(within(screen.getByTestId('session-form')).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [call] = bridge.callsOf('sessions.update') as Array<{ id: string; patch: Record<string, string> }>;
    expect(call?.id).toBe(current.id);
    expect(call?.patch).toMatchObject({ productId: current.product.id, customerId: current.customer.id });
    expect(Math.abs(Date.parse(call?.patch.lastMessageAt as string) - Date.parse(current.lastMessageAt))).toBeLessThan(
      1000,
    );
  });
});
