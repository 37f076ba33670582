/**
 * The columns a Wireshark user adds (connect latency, ISN, MSS, window scale, SACK, TTL, the first SYN's
 * frame number), shown from the column chooser in headless chromium against the real language server on
 * the story pair, their values held to the CLI's JSON and their sort done by the server; and the default
 * columns fitting the editor of a 1280 × 800 window with the explorer open, nothing in them cut.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { HandshakeJson } from '../../src/analyzer/report.js';
import { formatMs } from '../../src/webview/format.js';
import { launchChromium } from '../../tools/vscode/browser.js';
import { storyPairReport } from '../unit/cliRun.js';
import { EDITOR_OF_1280_BY_800, cutTableCells, tableOverflow } from './tableFit.js';
import { WebviewHarness } from './webviewHarness.js';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'webview');
const STORY = { capture: 'story-client.pcap', server: 'story-server.pcap' };

const rows = (page: Page) => page.locator('[data-testid="handshake-row"]');
const headerColumns = (page: Page) => page.locator('[role="columnheader"]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-column')));
/** The rows in view, top to bottom: id and the text of each cell by column. */
const shownRows = (page: Page) => rows(page).evaluateAll((list) => list
  .map((row) => ({
    top: row.getBoundingClientRect().top,
    id: Number((row as HTMLElement).dataset.id),
    cells: Object.fromEntries(Array.from(row.querySelectorAll('[data-column]'), (cell) => [cell.getAttribute('data-column'), cell.textContent])),
  }))
  .sort((a, b) => a.top - b.top));

/** What each new column shows for an attempt of the CLI's JSON: a dash where the value is absent. */
function expectedCells(row: HandshakeJson): Record<string, string> {
  return {
    connect: row.connectMs === null ? '—' : `${formatMs(row.connectMs)} ms`,
    isn: String(row.isn),
    mss: row.synOptions.mss === null ? '—' : String(row.synOptions.mss),
    wscale: row.synOptions.windowScale === null ? '—' : String(row.synOptions.windowScale),
    sack: row.synOptions.sackPermitted ? 'yes' : 'no',
    ttl: String(row.ttl),
    // The JSON counts frames from 0; Wireshark, and so the column, from 1.
    frame: String(row.syns[0]!.frame + 1),
  };
}

describe('the columns a Wireshark user adds, and a table that fits', () => {
  let harness: WebviewHarness;
  let browser: Browser;
  let report: HandshakeJson[];

  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    harness = await WebviewHarness.start();
    browser = await launchChromium();
    report = storyPairReport().handshakes;
  });

  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  test('the new columns are hidden at first, shown from the chooser with the CLI\'s values, and sorted by the server', async () => {
    const { page, problems } = await harness.open(browser, { ...STORY, viewport: { width: 1500, height: 900 } });
    await rows(page).first().waitFor();
    const added = ['connect', 'isn', 'mss', 'wscale', 'sack', 'ttl', 'frame'];
    assert.deepEqual(await headerColumns(page), ['time', 'client', 'server', 'syns', 'rtt', 'tsval', 'verdict', 'outcome', 'cause']);

    await page.getByTestId('column-client').click({ button: 'right' });
    for (const column of added) {
      const choice = page.getByTestId(`column-choice-${column}`);
      assert.equal(await choice.getAttribute('aria-checked'), 'false', column);
      await choice.click();
      assert.equal(await choice.getAttribute('aria-checked'), 'true', column);
    }
    await page.keyboard.press('Escape');
    assert.deepEqual(await headerColumns(page), [
      'time', 'client', 'server', 'syns', 'rtt', 'connect', 'tsval', 'isn', 'mss', 'wscale', 'sack', 'ttl', 'frame', 'verdict', 'outcome', 'cause',
    ]);
    assert.equal(await page.getByTestId('column-connect').textContent(), 'Connect');
    assert.match(await page.getByTestId('column-ttl').getAttribute('title') ?? '', /hop limit/);

    const byId = new Map(report.map((row) => [row.id, row]));
    const inView = await shownRows(page);
    assert.ok(inView.length >= 10, `${inView.length} rows in view`);
    // Passed and failed attempts both in view: a connect latency and its dash.
    assert.ok(inView.some((row) => row.cells.connect === '—') && inView.some((row) => row.cells.connect !== '—'));
    for (const shown of inView) {
      const expected = expectedCells(byId.get(shown.id)!);
      for (const column of added) assert.equal(shown.cells[column], expected[column], `attempt ${shown.id}, ${column}`);
    }

    // The connect latency sorts ascending, attempts without one after the others, ties in capture order.
    const byConnect = [...report].sort((a, b) => (a.connectMs ?? Infinity) - (b.connectMs ?? Infinity) || a.id - b.id).map((row) => row.id);
    assert.notDeepEqual(byConnect, report.map((row) => row.id), 'the sort changes the order');
    await page.locator('[data-testid="column-connect"] .sort-button').click();
    await page.locator('[data-testid="column-connect"][aria-sort="ascending"]').waitFor();
    await page.locator(`[data-testid="handshake-row"][data-id="${byConnect[0]}"][aria-rowindex="2"]`).waitFor();
    const sorted = await shownRows(page);
    assert.deepEqual(sorted.map((row) => row.id), byConnect.slice(0, sorted.length));

    // Descending puts the attempts without a latency first (absent sorts as the largest).
    await page.locator('[data-testid="column-connect"] .sort-button').click();
    await page.locator('[data-testid="column-connect"][aria-sort="descending"]').waitFor();
    const slowest = [...report].sort((a, b) => (b.connectMs ?? Infinity) - (a.connectMs ?? Infinity) || a.id - b.id).map((row) => row.id);
    await page.locator(`[data-testid="handshake-row"][data-id="${slowest[0]}"][aria-rowindex="2"]`).waitFor();
    const descending = await shownRows(page);
    assert.deepEqual(descending.map((row) => row.id), slowest.slice(0, descending.length));

    // The frame number sorts as the capture's order of first SYNs.
    await page.locator('[data-testid="column-frame"] .sort-button').click();
    await page.locator('[data-testid="column-frame"][aria-sort="ascending"]').waitFor();
    await page.locator('[data-testid="handshake-row"][data-id="1"][aria-rowindex="2"]').waitFor();
    const byFrame = await shownRows(page);
    assert.deepEqual(byFrame.map((row) => Number(row.cells.frame)), [...byFrame.map((row) => Number(row.cells.frame))].sort((a, b) => a - b));
    await page.screenshot({ path: join(SCREENSHOTS, 'table-more-columns-light.png') });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`in the editor of a 1280 × 800 window with the explorer open, the default columns fit and no header or cell is cut (${theme})`, async () => {
      const { page, problems } = await harness.open(browser, { ...STORY, theme, viewport: EDITOR_OF_1280_BY_800 });
      await rows(page).first().waitFor();
      const fit = await tableOverflow(page);
      assert.ok(fit.scroll <= fit.client, `the table is ${fit.scroll} px wide in ${fit.client} px`);
      assert.deepEqual(await cutTableCells(page), []);
      // The Cause and Outcome cells were the ones cut before: they must be there to be checked.
      assert.ok(await page.locator('[data-testid="handshake-row"] [data-column="cause"] [data-cause="paws-tw-recycle"]').count() > 0);
      assert.ok(await page.locator('[data-testid="handshake-row"] [data-column="outcome"]').count() > 0);
      await page.screenshot({ path: join(SCREENSHOTS, `table-fits-1280x800-${theme}.png`) });
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }
});
