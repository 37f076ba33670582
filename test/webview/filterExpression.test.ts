/**
 * The table's filter expression in headless chromium against the real language server on the story
 * pair: the rows an expression shows are exactly those the JSON report says match it, a broken expression
 * shows its error under the box in the theme's validation colours, and the filter survives a reload.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { HandshakeJson } from '../../src/analyzer/report.js';
import { launchChromium } from '../../tools/vscode/browser.js';
import { storyPairReport } from '../unit/cliRun.js';
import { WebviewHarness } from './webviewHarness.js';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'webview');

describe('filter expressions in the capture editor', () => {
  let harness: WebviewHarness;
  let browser: Browser;
  let report: HandshakeJson[];

  before(async () => {
    harness = await WebviewHarness.start();
    browser = await launchChromium();
    report = storyPairReport().handshakes;
  });

  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const shownIds = (page: Page) =>
    page.locator('[data-testid="handshake-row"]').evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.id)).sort((a, b) => a - b));

  test('verdict == fail && syns >= 2 shows exactly the matching rows; a broken filter shows its error', async () => {
    const { page, problems } = await harness.open(browser, { capture: 'story-client.pcap', server: 'story-server.pcap' });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    const expected = report.filter((row) => row.verdict === 'fail' && row.synCount >= 2).map((row) => row.id);
    assert.ok(expected.length > 0 && expected.length < report.length);

    await page.getByTestId('filter-text').fill('verdict == fail && syns >= 2');
    await page.locator(`[data-testid="row-total"][data-total="${expected.length}"]`).waitFor();
    await page.locator('[data-testid="handshake-row"][data-verdict="pass"]').waitFor({ state: 'detached' });
    assert.deepEqual(await shownIds(page), expected);
    assert.equal(await page.getByTestId('filter-error').isHidden(), true);

    // One character more breaks it: the error names the offset, the rows stay those of the last good filter.
    await page.getByTestId('filter-text').fill('verdict == fail && syns >=');
    const error = page.getByTestId('filter-error');
    await error.waitFor({ state: 'visible' });
    assert.equal(await error.textContent(), "Expected a value after '>=' at 26.");
    assert.equal(await error.getAttribute('data-position'), '26');
    assert.equal(await page.getByTestId('filter-text').getAttribute('aria-invalid'), 'true');
    const colours = await error.evaluate((node) => ({ background: getComputedStyle(node).backgroundColor, border: getComputedStyle(node).borderTopColor }));
    // The light theme's --vscode-inputValidation-errorBackground (#f2dede) and errorBorder (#be1100).
    assert.deepEqual(colours, { background: 'rgb(242, 222, 222)', border: 'rgb(190, 17, 0)' });
    assert.deepEqual(await shownIds(page), expected);
    await page.screenshot({ path: join(SCREENSHOTS, 'filter-error-light.png') });

    // Words without an operator stay a substring search.
    const one = report.find((row) => row.verdict === 'pass')!;
    await page.getByTestId('filter-text').fill(one.client);
    await page.locator('[data-testid="row-total"][data-total="1"]').waitFor();
    assert.equal(await error.isHidden(), true);
    assert.deepEqual(await shownIds(page), [one.id]);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('the filter is kept in the webview state across a reload', async () => {
    const { page, problems } = await harness.open(browser, { capture: 'story-client.pcap', server: 'story-server.pcap' });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    const expected = report.filter((row) => row.cause === 'paws-tw-recycle' || row.id === 1).map((row) => row.id);
    assert.ok(expected.length > 1 && expected.length < report.length);
    await page.getByTestId('filter-text').fill('cause == paws-tw-recycle || id == 1');
    await page.locator(`[data-testid="row-total"][data-total="${expected.length}"]`).waitFor();

    await page.reload();
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    await page.locator(`[data-testid="row-total"][data-total="${expected.length}"]`).waitFor();
    assert.equal(await page.getByTestId('filter-text').inputValue(), 'cause == paws-tw-recycle || id == 1');
    assert.deepEqual(await shownIds(page), expected);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
