// Small helpers over the bridge for every part of the interface: a call that throws the bridge's error as a value the
// views can show, an event subscription tied to a component's life, the signed-in account and its permissions.
import type { AccountState, CallInput, CallName, CallOutput, EventName, EventPayload } from '@shared/bridge.ts';
import type { Permission } from '@shared/domain.ts';
import type { ErrorInfo } from '@shared/errors.ts';
import { useEffect, useRef, useState } from 'react';
import { getBridge } from './index.ts';

/** A refusal or failure of a bridge call, carrying the core's ErrorInfo (code, message, fields). */
export class BridgeError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'BridgeError';
    this.info = info;
  }
  get code(): string {
    return this.info.code;
  }
}

export async function callBridge<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  let result: Awaited<ReturnType<ReturnType<typeof getBridge>['invoke']>>;
  try {
    result = await getBridge().invoke(name, input);
  } catch (error) {
    throw new BridgeError({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
  if (!result.ok) throw new BridgeError(result.error);
  return result.value as CallOutput<K>;
}

/** The message to show for any error a call may end with. */
export function errorMessage(error: unknown): string {
  if (error instanceof BridgeError) return error.info.message;
  return error instanceof Error ? error.message : String(error);
}

/** Subscribes for the component's life; the latest listener is always called (no resubscribe per render). */
export function useBridgeEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => getBridge().on(event, (payload) => latest.current(payload)), [event]);
}

/** The signed-in account (its role and permissions), kept current by the 'account.state' event. */
export function useAccount(): AccountState | null {
  const [account, setAccount] = useState<AccountState | null>(null);
  useEffect(() => {
    let alive = true;
    callBridge('account.state', {})
      .then((state) => alive && setAccount(state))
      // Unanswered, the account stays unknown until the core's next 'account.state' event, sent on every change.
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, []);
  useBridgeEvent('account.state', setAccount);
  return account;
}

export function hasPermission(account: AccountState | null, permission: Permission): boolean {
  return account?.permissions.includes(permission) ?? false;
}
