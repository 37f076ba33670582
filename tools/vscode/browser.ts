// Drives Debian's chromium (installed by install-code-server.sh) with playwright-core, which is pinned to
// the release built for the same Chromium major: playwright's own browser download is not reachable here.
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.HANDSHAKE_LENS_CHROMIUM ?? '/usr/bin/chromium';

/** Root needs --no-sandbox; the rest keeps chromium off the network and away from first-run screens. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export async function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: options.headless ?? true,
    args: chromiumArgs,
    timeout: 30_000,
  });
}

export interface WorkbenchOptions {
  /** Default 1400x900: wide enough for the explorer, an editor and a panel. */
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  timeoutMs?: number;
}

/**
 * Opens a code-server URL (see CodeServer.folderUrl) and waits until the workbench has rendered and
 * the folder's explorer is there, so the caller can start clicking.
 */
export async function openWorkbench(browser: Browser, url: string, options: WorkbenchOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 30_000);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'visible' });
  return page;
}
