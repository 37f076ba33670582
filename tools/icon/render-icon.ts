// Renders media/icon.svg to the 128×128 media/icon.png the marketplace and the extensions view show,
// with Debian's chromium (no image converter is needed on the machine).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../vscode/browser.js';

const media = join(__dirname, '..', '..', 'media');

async function main(): Promise<void> {
  const svg = await readFile(join(media, 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: join(media, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

void main();
