// How the bridge travels: the Electron adapter's IPC channel names and the web edition's WebSocket frames (bridge.ts
// re-exports them).
import { z } from 'zod';

/** IPC channel names of the Electron adapter (two, generic over the map). */
export const IPC_INVOKE = 'desk:invoke';
export const IPC_EVENT = 'desk:event';

/** Frames of the web edition's WebSocket bridge (strict like every input: the host closes on a malformed frame). */
export const WsBridgeFrame = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('invoke'), id: z.number().int(), name: z.string(), input: z.unknown() }),
  z.strictObject({ kind: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.strictObject({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type WsBridgeFrame = z.infer<typeof WsBridgeFrame>;
