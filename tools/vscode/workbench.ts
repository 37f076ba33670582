// What a person does in the VS Code workbench, as playwright steps: the command palette and the
// notifications. Selectors are VS Code 1.100's DOM classes; keep them here so a VS Code update is one fix.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { pollUntil } from './poll.js';

/**
 * Waits until the extension host has registered an extension's contributions, seen through one of its
 * commands in the palette. The workbench renders seconds before that: a file double-clicked earlier
 * opens in the text editor instead of the extension's custom editor, and the palette has no match.
 */
export async function waitForCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  await pollUntil(`command "${title}" in the palette`, timeoutMs, async () => {
    const row = await showInPalette(page, title);
    try {
      await row.waitFor({ state: 'visible', timeout: 2_000 });
      return true;
    } catch {
      return undefined;
    } finally {
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }
  });
}

/**
 * Runs a command by its palette title (e.g. "Handshake Lens: Correlate captures"). A command that asks at
 * once in a quick input of its own (`opensQuickInput`: a picker, or code-server's save dialog) keeps the
 * widget open, so it is not waited away.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000, opensQuickInput = false): Promise<void> {
  await waitForCommand(page, title, timeoutMs);
  const row = await showInPalette(page, title);
  await row.click();
  if (!opensQuickInput) await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens the palette on `title` and returns the locator of its row (which may not exist yet). */
async function showInPalette(page: Page, title: string): Promise<Locator> {
  // A webview's input or button keeps the keys typed in it: give the focus back to the workbench first.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  // When the key still went nowhere (focus left on an element a command just hid), the title bar's
  // command center opens the same quick input with the pointer.
  if (!(await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false))) {
    await page.locator('.command-center .command-center-center').click();
    await input.waitFor({ state: 'visible' });
  }
  // F1 opens the palette with ">" typed; fill() keeps it so the list shows commands, not files.
  await input.fill(`>${title}`);
  return page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
}

/** Waits for a notification toast whose text contains `text`; returns its full text. */
export async function waitForNotification(page: Page, text: string): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
  await toast.waitFor({ state: 'visible' });
  return (await toast.innerText()).trim();
}

/** Double-clicks the explorer row of a file at the workspace's top level, by its exact name. */
export async function openFromExplorer(page: Page, name: string): Promise<void> {
  const exactly = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: exactly }) });
  await row.dblclick();
}

/** The visible custom editor's page: VS Code nests a webview in two iframes; only the active editor's is visible. */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

/**
 * Chooses the item of the open quick pick (a command's own picker) that contains `text`, as a keyboard
 * user does: the text typed into its filter box, then Enter on the first row left. Clicking a row raced
 * with the list re-rendering when a picker replaced the previous one (the row stayed hidden to the page).
 */
export async function pickQuickInputItem(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(text);
  const first = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  await pollUntil(`the quick pick's first row is ${text}`, 10_000, async () => ((await first.getAttribute('aria-label'))?.includes(text) ? true : undefined));
  await page.keyboard.press('Enter');
  // The pick is taken once this picker has gone (hidden, or replaced by the next step's with an empty
  // filter): a next pick typed before that would go into this picker's box, and its Enter choose the
  // next picker's first row, whatever it is.
  await pollUntil(`the quick pick of ${text} to close`, 10_000, async () =>
    !(await input.isVisible()) || (await input.inputValue({ timeout: 1_000 }).catch(() => '')) !== text ? true : undefined);
}

/** Closes every editor and waits until no tab is left. */
export async function closeAllEditors(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.editor-group-container .tabs-container .tab').first().waitFor({ state: 'detached' });
}

/** A notification toast of one extension, by the "Source: …" line VS Code adds to it. */
export function notificationsFrom(page: Page, source: string): Locator {
  return page.locator('.notifications-toasts .notification-list-item', { hasText: `Source: ${source}` });
}
