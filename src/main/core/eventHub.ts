// Typed fan-out of bridge events to whoever drives the core (the Electron IPC adapter, the web host's sockets).
import type { EventName, EventPayload } from '../../shared/bridge.ts';

export type BridgeEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class EventHub {
  readonly #listeners = new Set<BridgeEventListener>();

  subscribe(listener: BridgeEventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error(`[core] a listener of ${event} failed`, error);
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}
