/**
 * A capture correlated along a path in the editor's webview (headless chromium, the real language server
 * on the real path-drops recording): the header's path in order with the server marked, the PATH column
 * of failed attempts, and a ladder with a column per capture point. Screenshots at 1280 × 800 go to
 * test-results/webview/.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../tools/vscode/browser.js';
import { WebviewHarness } from './webviewHarness.js';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'webview');
const RECORDING = join(__dirname, '..', 'fixtures', 'real', 'path-drops');
const [POD, NODE, SERVER] = ['pod-a.pcap', 'node-any.pcap', 'server-side.pcap'].map((name) => join(RECORDING, name));

describe('a capture along a path', () => {
  let harness: WebviewHarness;
  let browser: Browser;

  before(async () => {
    [harness, browser] = await Promise.all([WebviewHarness.start(), launchChromium(), mkdir(SCREENSHOTS, { recursive: true })]);
  });
  after(() => Promise.all([browser?.close(), harness?.stop()]));

  for (const theme of ['light', 'dark'] as const) test(`the pod's capture shows the path, the PATH column and a ladder of four capture points (${theme})`, async () => {
    const { page, problems } = await harness.open(browser, { capture: POD, path: [SERVER, POD, NODE], theme, viewport: { width: 1280, height: 800 } });
    await page.locator('[data-testid="capture-editor"][data-state="ready"]').waitFor();
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    assert.deepEqual(await page.getByTestId('path-capture').allTextContents(), ['pod-a.pcap', 'node-any.pcap', 'server-side.pcap'], 'in path order, not as given');
    assert.equal(await page.getByTestId('path-server').count(), 1);

    const dropped = page.locator('[data-testid="handshake-row"][data-cause="dropped-at-node"]').first();
    await dropped.waitFor();
    const cell = dropped.getByTestId('path-cell');
    assert.equal(await cell.getAttribute('title'), 'pod-a ✓ → node-any (before NAT) ✓ → node-any (after NAT) ✗ → server-side ✗');
    assert.deepEqual(await cell.locator('.path-step').evaluateAll((steps) => steps.map((step) => step.getAttribute('data-seen'))), ['true', 'true', 'false', 'false']);
    assert.equal(await cell.getByTestId('path-missed-at').textContent(), 'node-any (after NAT)', 'where the SYN was first missed');
    const passed = page.locator('[data-testid="handshake-row"][data-verdict="pass"]').first();
    assert.equal(await passed.getByTestId('path-cell').count(), 0, 'as on the command line, only failed attempts show their path');
    await page.screenshot({ path: join(SCREENSHOTS, `path-1280x800-${theme}.png`) });

    await dropped.click();
    const ladder = page.locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]');
    await ladder.waitFor();
    assert.deepEqual(await ladder.getByTestId('ladder-point').allTextContents(), ['pod-a', 'node-any (before NAT)', 'node-any (after NAT)', 'server-side']);
    const points = await ladder.getByTestId('ladder-packet').evaluateAll((packets) => packets.map((packet) => packet.getAttribute('data-point')));
    assert.ok(points.includes('0') && points.includes('1'), points.join());
    assert.ok(!points.includes('2') && !points.includes('3'), 'the SYN never left the node');
    assert.equal(await ladder.getByTestId('ladder-note').count(), 1);
    await ladder.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, `path-1280x800-ladder-${theme}.png`) });
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
