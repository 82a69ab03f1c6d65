// Carries the bridge over Electron IPC: one invoke channel and one event channel, generic over the contract.
// Every call is checked to come from one of the app's own frames before it reaches the core.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { type DeskCoreEndpoint, IPC_EVENT, IPC_INVOKE } from '../../shared/bridge.ts';
import { err } from '../../shared/result.ts';

export interface IpcAdapterOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: DeskCoreEndpoint;
  /** True when the frame that sent a call is the app's own (see appOrigin.ts). */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** The windows that receive bridge events. */
  targets: () => Iterable<Pick<WebContents, 'send' | 'isDestroyed'>>;
}

export function attachIpcBridge(options: IpcAdapterOptions): () => void {
  const { ipcMain, core } = options;
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, input: unknown) => {
    if (!options.isTrustedSender(event)) {
      return err({ code: 'forbidden', message: 'Calls are only accepted from the app’s own pages' });
    }
    return core.dispatch(String(name), input);
  });
  const unsubscribe = core.subscribe((name, payload) => {
    for (const target of options.targets()) {
      if (!target.isDestroyed()) target.send(IPC_EVENT, name, payload);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
