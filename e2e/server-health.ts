/**
 * Waits for a server that a spec or a benchmark started itself: polls `<baseUrl>/api/health` every
 * half second until it answers 2xx, and throws `failure` after `attempts` polls.
 */
export async function waitForHealth(baseUrl: string, failure: string, attempts = 240): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const up = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(failure);
}
