// The one way the VS Code test tools wait: poll a condition with a deadline, never a fixed sleep, so a
// run is as fast as the machine allows and a stuck step fails with its name instead of hanging CI.

/** Calls `probe` until it returns a value other than undefined; throws after `timeoutMs`. */
export async function pollUntil<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}
