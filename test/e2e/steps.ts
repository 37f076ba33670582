// What the end-to-end tests share: a throwaway workspace served by a fresh code-server with the packaged
// extension, opened in chromium; the palette titles they run; and the waits on Handshake Lens's own
// notifications. Every wait is bounded.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWorkbench } from '../../tools/vscode/browser.js';
import { startCodeServer, type CodeServer } from '../../tools/vscode/codeServer.js';
import { notificationsFrom } from '../../tools/vscode/workbench.js';
import { makeTestWorkspace, packagedVsix } from '../vscode/testWorkspace.js';

export const SCREENSHOTS = resolve(__dirname, '../../test-results/e2e');
/** The window of the screenshots in docs/ and of the tests that look at the editor as a whole. */
export const SCREENSHOT_VIEWPORT = { width: 1280, height: 800 };
export const HANDSHAKE_LENS = 'Handshake Lens';
export const CORRELATE = 'Handshake Lens: Correlate captures';

export interface Workbench {
  workspace: string;
  server: CodeServer;
  browser: Browser;
  page: Page;
  /** Saves a screenshot of the whole window as test-results/e2e/<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface WorkbenchSetup {
  settings?: Record<string, unknown>;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Adds files to the workspace before code-server serves it. */
  prepare?: (workspace: string) => void;
}

/** A workspace (test/vscode/testWorkspace.ts) in a fresh code-server, shown in chromium once the explorer is there. */
export async function startWorkbench(setup: WorkbenchSetup = {}): Promise<Workbench> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const workspace = makeTestWorkspace();
  setup.prepare?.(workspace);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  };
  try {
    server = await startCodeServer({ vsixPaths: [packagedVsix()], settings: setup.settings });
    browser = await launchChromium();
    const page = await openWorkbench(browser, server.folderUrl(workspace), { colorScheme: setup.colorScheme, viewport: setup.viewport ?? SCREENSHOT_VIEWPORT });
    const shot = async (name: string) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
    };
    return { workspace, server, browser, page, shot, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits until Handshake Lens's progress toasts ("Analysing …", "Correlating …") are gone: the work is over. */
export async function progressDone(page: Page, timeoutMs = 15_000): Promise<void> {
  await notificationsFrom(page, HANDSHAKE_LENS).first().waitFor({ state: 'detached', timeout: timeoutMs });
}
