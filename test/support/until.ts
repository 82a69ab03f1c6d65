// Waiting in tests for a state to come about (a window created, a listener registered), by polling the state itself
// against a wall-clock deadline generous enough for a loaded 2-core machine.
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
