// The sign-in form (features/account) on a fake bridge: its own checks name the field and the reason, the core's
// refusals land on their field (wrong password, a field the core's contract refused) or in an alert (an unreachable
// backend), and the values stay as typed. The real core is signed in through by test/e2e/frame.test.ts.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { refusalOnForm, SignInScreen, validateSignIn } from '../../src/renderer/src/features/account/index.ts';
import { account, appInfo, createFakeBridge, refused, renderWithBridge } from './fakeBridge.tsx';

const info = appInfo({ demoAccount: { email: 'admin@demo.chatdesk', password: 'demo-password' } });

const field = (label: string) => screen.getByLabelText(label, { exact: false, selector: 'input' }) as HTMLInputElement;
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

describe('sign-in validation (pure)', () => {
  it('names each bad field and why', () => {
    expect(validateSignIn({ backendUrl: '', email: '', password: '' })).toEqual({
      backendUrl: { key: 'errors.required' },
      email: { key: 'errors.required' },
      password: { key: 'errors.required' },
    });
    expect(validateSignIn({ backendUrl: 'ftp://x', email: 'a@b', password: 'p' })).toEqual({
      backendUrl: { key: 'errors.url' },
      email: { key: 'errors.email' },
    });
    expect(validateSignIn({ backendUrl: 'https://chat.example.com', email: 'a@b.co', password: 'p' })).toEqual({});
  });

  it('maps the core refusals onto the form', () => {
    expect(
      refusalOnForm({ code: 'offline', message: 'x', fields: { backendUrl: 'cannot be reached' } }, ' http://h '),
    ).toEqual({
      fields: { backendUrl: { key: 'errors.unreachableField' } },
      alert: { key: 'errors.unreachable', values: { url: 'http://h' } },
    });
    expect(refusalOnForm({ code: 'unauthenticated', message: 'Wrong e-mail or password' }, 'http://h').fields).toEqual({
      password: { key: 'errors.wrongCredentials' },
    });
    expect(
      refusalOnForm(
        { code: 'bad_request', message: 'Invalid input', fields: { email: 'must be an e-mail address' } },
        '',
      ),
    ).toEqual({ fields: { email: { text: 'must be an e-mail address' } }, alert: null });
    expect(refusalOnForm({ code: 'internal', message: 'boom' }, '').alert).toEqual({
      key: 'errors.failed',
      values: { message: 'boom' },
    });
  });
});

describe('sign-in screen on a fake bridge', () => {
  it('proposes the launcher backend and the demo account, and shows the edition', () => {
    renderWithBridge(createFakeBridge(), <SignInScreen info={info} onSignedIn={() => {}} />);
    expect(field('Backend URL').value).toBe('http://127.0.0.1:4000');
    expect(field('E-mail').value).toBe('admin@demo.chatdesk');
    expect(field('Password').value).toBe('demo-password');
    expect(screen.getByTestId('demo-hint').textContent).toBe('Demo mode: the demo account is filled in.');
    expect(screen.getByTestId('app-info').textContent).toBe('Chat Desk 1.2.3 · web edition');
  });

  it('refuses empty and malformed fields without asking the core', async () => {
    const bridge = createFakeBridge();
    renderWithBridge(
      bridge,
      <SignInScreen info={{ ...info, defaultBackendUrl: null, demoAccount: null }} onSignedIn={() => {}} />,
    );
    submit();
    expect(await screen.findAllByText('Required')).toHaveLength(3);
    fireEvent.change(field('Backend URL'), { target: { value: 'chat.example.com' } });
    fireEvent.change(field('E-mail'), { target: { value: 'agent' } });
    fireEvent.change(field('Password'), { target: { value: 'secret' } });
    submit();
    expect(await screen.findByText('Enter an http:// or https:// address')).toBeTruthy();
    expect(screen.getByText('Enter an e-mail address such as name@example.com')).toBeTruthy();
    expect(field('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsOf('account.signIn')).toEqual([]);
    // Typing in a field clears its error.
    fireEvent.change(field('E-mail'), { target: { value: 'agent@example.com' } });
    await waitFor(() => expect(screen.queryByText('Enter an e-mail address such as name@example.com')).toBeNull());
  });

  it('puts a wrong password on the password field and keeps what was typed', async () => {
    const bridge = createFakeBridge();
    bridge.handle('account.signIn', () => refused('unauthenticated', 'Wrong e-mail or password'));
    const onSignedIn = vi.fn();
    renderWithBridge(bridge, <SignInScreen info={info} onSignedIn={onSignedIn} />);
    fireEvent.change(field('Password'), { target: { value: 'wrong' } });
    submit();
    expect(await screen.findByText('Wrong e-mail or password')).toBeTruthy();
    expect(field('Password').getAttribute('aria-invalid')).toBe('true');
    expect(field('Password').value).toBe('wrong');
    expect(bridge.callsOf('account.signIn')).toEqual([
      { backendUrl: 'http://127.0.0.1:4000', email: 'admin@demo.chatdesk', password: 'wrong' },
    ]);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says an unreachable backend in an alert and on the URL field', async () => {
    const bridge = createFakeBridge();
    bridge.handle('account.signIn', () => ({
      ...refused('offline', 'Cannot reach http://127.0.0.1:4000: check the address and the network'),
      fields: { backendUrl: 'cannot be reached' },
    }));
    renderWithBridge(bridge, <SignInScreen info={info} onSignedIn={() => {}} />);
    submit();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Cannot reach http://127.0.0.1:4000: check the address and the network.',
    );
    expect(screen.getByText('Cannot be reached')).toBeTruthy();
  });

  it('hands the signed-in account on', async () => {
    const bridge = createFakeBridge();
    bridge.handle('account.signIn', () => account('agent'));
    const onSignedIn = vi.fn();
    renderWithBridge(bridge, <SignInScreen info={info} onSignedIn={onSignedIn} />);
    submit();
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(account('agent')));
  });
});
