/**
 * The capture editor in Simplified Chinese (explanation language zh-cn): the labels, the cards, the
 * charts and the ladder all in Chinese, with no English sentence left. What may stay in Latin letters is
 * what an engineer types or reads in tools: protocol names, addresses, codes, commands and file names.
 * Screenshots of both themes go to test-results/webview/ for a look.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../tools/vscode/browser.js';
import { editorProse, englishWordsLeft } from './englishLeft.js';
import { EDITOR_OF_1280_BY_800, cutTableCells, tableOverflow } from './tableFit.js';
import { WebviewHarness } from './webviewHarness.js';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'webview');

describe('capture editor webview in Simplified Chinese', () => {
  let harness: WebviewHarness;
  let browser: Browser;

  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    harness = await WebviewHarness.start('zh-cn');
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  test('in the editor of a 1280 × 800 window with the explorer open, the Chinese headers and cells of the default columns fit', async () => {
    const { page, problems } = await harness.open(browser, { capture: 'story-client.pcap', server: 'story-server.pcap', viewport: EDITOR_OF_1280_BY_800 });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    const fit = await tableOverflow(page);
    assert.ok(fit.scroll <= fit.client, `the table is ${fit.scroll} px wide in ${fit.client} px`);
    assert.deepEqual(await cutTableCells(page), []);
    assert.equal(await page.getByTestId('column-syns').textContent(), 'SYN 数');
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the correlated story pair shows no English sentence (${theme})`, async () => {
      const { page, problems } = await harness.open(browser, { capture: 'story-client.pcap', server: 'story-server.pcap', theme, viewport: { width: 1280, height: 800 } });
      await page.locator('[data-testid="handshake-row"]').first().waitFor();
      await page.locator('[data-testid="handshake-row"][data-verdict="fail"]').first().click();
      await page.locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `story-zh-cn-${theme}.png`), fullPage: true });
      const left = englishWordsLeft(await page.locator('#app').evaluate(editorProse));
      assert.deepEqual(left, [], `English left in the page:\n${left.join(' ')}`);
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }

  test('the table\'s toolbar, column chooser and row menu are in Chinese, tooltips included', async () => {
    const { page, problems } = await harness.open(browser, { capture: 'story-client.pcap', server: 'story-server.pcap', viewport: { width: 1280, height: 800 } });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    const texts = (selector: string) => page.locator(selector).evaluateAll((nodes) => nodes.map((node) =>
      [(node as HTMLElement).innerText, ...Array.from(node.querySelectorAll('[title], [aria-label]'), (inner) => `${inner.getAttribute('title') ?? ''} ${inner.getAttribute('aria-label') ?? ''}`)].join(' ')).join(' '));
    const toolbar = await texts('[data-testid="table-toolbar"]');
    await page.getByTestId('column-client').click({ button: 'right' });
    const columns = await texts('[data-testid="column-menu"]');
    assert.match(columns, /重置列/);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="handshake-row"]').nth(2).click({ button: 'right' });
    const rowMenu = await texts('[data-testid="row-menu"]');
    assert.match(rowMenu, /设置时间参考/);
    await page.keyboard.press('Escape');
    const headers = await page.locator('[role="columnheader"]').evaluateAll((cells) => cells.map((cell) => `${cell.getAttribute('title')} ${cell.querySelector('.column-resizer')?.getAttribute('title')}`).join(' '));
    const left = englishWordsLeft(`${toolbar} ${columns} ${rowMenu} ${headers}`).filter((word) => word !== 'Ctrl' && word !== 'Shift' && word !== 'CSV');
    assert.deepEqual(left, [], `English left in the table's controls:\n${left.join(' ')}`);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
