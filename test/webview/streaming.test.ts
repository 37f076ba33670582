/**
 * Rows while the capture is read, in headless chromium against the real language server: a capture of
 * 200,000 attempts shows rows and the reading line before its analysis ends, the line and the rows follow
 * each captureProgress notification, and the overview then replaces them with the whole capture.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../tools/vscode/browser.js';
import { writeStreamingCapture } from '../unit/streamingCapture.js';
import { WebviewHarness } from './webviewHarness.js';

const ATTEMPTS = 200_000;
let harness: WebviewHarness;
let browser: Browser;
let directory: string;
let capture: string;

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'handshake-lens-streaming-'));
  capture = join(directory, 'streaming.pcap');
  writeStreamingCapture(capture, ATTEMPTS);
  harness = await WebviewHarness.start();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await harness?.stop();
  rmSync(directory, { recursive: true, force: true });
});

/** What the page showed while it was reading, recorded in the page at each change of the DOM. */
interface ReadingSeen {
  lines: string[];
  /** The first row ids shown at each distinct line. */
  firstIds: number[][];
}

test('rows show while the capture is read and follow each notification, then the whole capture replaces them', { timeout: 180_000 }, async () => {
  const { page, problems } = await harness.open(browser, { capture, beforeLoad: () => {
    const seen = { lines: [] as string[], firstIds: [] as number[][] };
    (window as unknown as { readingSeen: typeof seen }).readingSeen = seen;
    new MutationObserver(() => {
      const app = document.getElementById('app');
      if (app?.dataset.state !== 'reading') return;
      const line = document.querySelector('[data-testid="reading-status"]')?.textContent ?? '';
      const ids = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="handshake-row"]'), (row) => Number(row.dataset.id));
      if (ids.length === 0 || seen.lines[seen.lines.length - 1] === line) return;
      seen.lines.push(line);
      seen.firstIds.push(ids.slice(0, 5));
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  } });
  await page.locator('#app[data-state="ready"]').waitFor({ timeout: 120_000 });
  const seen = await page.evaluate(() => (window as unknown as { readingSeen: ReadingSeen }).readingSeen);
  assert.ok(seen.lines.length >= 2, `the reading line changed with the notifications while rows were shown: ${JSON.stringify(seen.lines)}`);
  const percents = seen.lines.map((line) => Number(/Reading… (\d+) %/.exec(line)![1]));
  assert.ok(percents[0] < 100);
  assert.deepEqual(percents, [...percents].sort((a, b) => a - b));
  const decided = seen.lines.map((line) => Number(/([\d,]+) attempts with a final verdict/.exec(line)![1].replace(/,/g, '')));
  assert.ok(decided[0] > 0 && decided[decided.length - 1] > decided[0], `more rows arrived: ${decided.join(', ')}`);
  assert.match(seen.lines[0], /Causes, diagnoses and charts follow once the whole file is read\./);
  // The table's default order is by id while reading too.
  assert.deepEqual(seen.firstIds[0], [...seen.firstIds[0]].sort((a, b) => a - b));

  // The overview replaced the reading line: header, cards and every attempt.
  assert.equal(await page.getByTestId('reading-status').count(), 0);
  await page.locator('[data-testid="handshake-row"]').first().waitFor();
  assert.equal(await page.getByTestId('row-total').getAttribute('data-total'), String(ATTEMPTS));
  assert.deepEqual(problems, []);
});
