// A stand-in for electron-context-menu in the shell's tests (the real one imports the real electron module):
// records each installation's options and whether it was removed.
export const installs: Array<{ options: Record<string, unknown>; disposed: boolean }> = [];

export default function contextMenu(options: Record<string, unknown> = {}): () => void {
  const entry = { options, disposed: false };
  installs.push(entry);
  return () => {
    entry.disposed = true;
  };
}
