// What a person does in the VS Code workbench, as playwright steps: the command palette and the
// notifications. Selectors are VS Code 1.100's DOM classes; keep them here so a VS Code update is one fix.
import type { Page } from 'playwright-core';
import { pollUntil } from './poll.js';

/**
 * Runs a command by its palette title (e.g. "Handshake Lens: Correlate captures"). The workbench shows
 * before the extension host has registered the extensions' commands, so an empty list is retried (with
 * the palette closed and reopened) until `timeoutMs`.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await pollUntil(`command "${title}" in the palette`, timeoutMs, async () => {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    // F1 opens the palette with ">" typed; fill() keeps it so the list shows commands, not files.
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: 2_000 });
      return true;
    } catch {
      await page.keyboard.press('Escape');
      return undefined;
    }
  });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Waits for a notification toast whose text contains `text`; returns its full text. */
export async function waitForNotification(page: Page, text: string): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
  await toast.waitFor({ state: 'visible' });
  return (await toast.innerText()).trim();
}
