/**
 * The table as a Wireshark user drives it, in headless chromium against the real language server on the
 * story pair: the column chooser and the resize handles, kept across a reload; the time display formats
 * and the time reference; a time range dragged on the TSval chart or the attempts chart filtering the
 * rows; and a selection of several rows exported as pcapng and CSV, the files written by the server and
 * read back here.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { HandshakeJson } from '../../src/analyzer/report.js';
import { secondsBetween } from '../../src/webview/timeDisplay.js';
import { parseTimeRange } from '../../src/webview/timeRangeFilter.js';
import { launchChromium } from '../../tools/vscode/browser.js';
import { storyPairReport } from '../unit/cliRun.js';
import { WebviewHarness } from './webviewHarness.js';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'webview');
const STORY = { capture: 'story-client.pcap', server: 'story-server.pcap' };

const rows = (page: Page) => page.locator('[data-testid="handshake-row"]');
const headerColumns = (page: Page) => page.locator('[role="columnheader"]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-column')));
const shownIds = (page: Page) => rows(page).evaluateAll((list) => list.map((row) => Number((row as HTMLElement).dataset.id)).sort((a, b) => a - b));
/** The time cells of the rows in view, by attempt id. */
const timeCells = (page: Page) => rows(page).evaluateAll((list) => Object.fromEntries(list.map((row) => [Number((row as HTMLElement).dataset.id), row.querySelector('[data-column="time"]')!.textContent])));

describe('the table as a Wireshark user expects it', () => {
  let harness: WebviewHarness;
  let browser: Browser;
  let report: HandshakeJson[];
  let captureStart: number;

  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    harness = await WebviewHarness.start();
    browser = await launchChromium();
    const json = storyPairReport();
    report = json.handshakes;
    captureStart = json.captures.find((capture) => capture.role === 'client')!.start!;
  });

  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`columns hide, show and resize from the header's menu, and stay so after a reload (${theme})`, async () => {
      const { page, problems } = await harness.open(browser, { ...STORY, theme, viewport: { width: 1280, height: 800 } });
      await rows(page).first().waitFor();
      const defaults = await headerColumns(page);
      const defaultClientWidth = (await page.getByTestId('column-client').boundingBox())!.width;
      assert.deepEqual(defaults, ['time', 'client', 'server', 'syns', 'rtt', 'tsval', 'verdict', 'outcome', 'cause']);

      // A right-click on the header opens the chooser with a check per shown column; the keyboard walks it.
      await page.getByTestId('column-client').click({ button: 'right' });
      const menu = page.getByTestId('column-menu');
      await menu.waitFor();
      assert.equal(await page.getByTestId('column-choice-rtt').getAttribute('aria-checked'), 'true');
      assert.equal(await page.getByTestId('column-choice-id').getAttribute('aria-checked'), 'false');
      await page.screenshot({ path: join(SCREENSHOTS, `table-column-menu-${theme}.png`) });
      for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'column-choice-rtt');
      await page.keyboard.press('Enter');
      assert.equal(await page.getByTestId('column-choice-rtt').getAttribute('aria-checked'), 'false');
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'handshake-table', 'Escape gives the focus back to the table');
      assert.equal(await rows(page).first().locator('[data-column="rtt"]').count(), 0);

      // The toolbar's button opens the same menu: show the id ("No.") column.
      await page.getByTestId('columns-button').click();
      await page.getByTestId('column-choice-id').click();
      await page.keyboard.press('Escape');
      assert.deepEqual(await headerColumns(page), ['id', 'time', 'client', 'server', 'syns', 'tsval', 'verdict', 'outcome', 'cause']);
      assert.equal(await rows(page).first().locator('[data-column="id"]').textContent(), String(report[0]!.id));

      // Drag the client column's right edge 90 px to the right.
      const header = page.getByTestId('column-client');
      const before = (await header.boundingBox())!.width;
      const handle = (await page.getByTestId('resize-client').boundingBox())!;
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      await page.mouse.move(handle.x + handle.width / 2 + 90, handle.y + handle.height / 2, { steps: 6 });
      await page.mouse.up();
      const resized = (await header.boundingBox())!.width;
      assert.ok(Math.abs(resized - before - 90) <= 2, `client column ${before} → ${resized} px`);
      const cellWidth = await rows(page).first().locator('[data-column="client"]').evaluate((cell) => cell.getBoundingClientRect().width);
      assert.ok(Math.abs(cellWidth - resized) <= 1, 'the rows follow the header');

      await page.reload();
      await rows(page).first().waitFor();
      assert.deepEqual(await headerColumns(page), ['id', 'time', 'client', 'server', 'syns', 'tsval', 'verdict', 'outcome', 'cause']);
      assert.ok(Math.abs((await page.getByTestId('column-client').boundingBox())!.width - resized) <= 1, 'the width survives the reload');

      await page.getByTestId('columns-button').click();
      await page.getByTestId('reset-columns').click();
      assert.deepEqual(await headerColumns(page), defaults);
      assert.ok(Math.abs((await page.getByTestId('column-client').boundingBox())!.width - defaultClientWidth) <= 1);
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    test(`the time display formats and a time reference change the times shown, and stay after a reload (${theme})`, async () => {
      const { page, problems } = await harness.open(browser, { ...STORY, theme, viewport: { width: 1280, height: 800 } });
      await rows(page).first().waitFor();
      const inView = report.filter((row) => row.id <= 10);

      await page.getByTestId('time-format').selectOption('since-start');
      await page.locator(`[data-testid="handshake-row"][data-id="1"] [data-column="time"]:text-is("${secondsBetween(report[0]!.synTime, captureStart)}")`).waitFor();
      let cells = await timeCells(page);
      for (const row of inView) assert.equal(cells[row.id], secondsBetween(row.synTime, captureStart), `row ${row.id} since the start`);

      await page.getByTestId('time-format').selectOption('since-previous');
      cells = await timeCells(page);
      assert.equal(cells[1], '0.000000');
      for (const row of inView.slice(1)) assert.equal(cells[row.id], secondsBetween(row.synTime, report[row.id - 2]!.synTime), `row ${row.id} since the previous`);

      // Ctrl+T on the fourth row, as in Wireshark: *REF* there, the others count from it.
      await page.getByTestId('time-format').selectOption('since-start');
      const reference = report[3]!;
      await rows(page).nth(3).click();
      // VS Code's webview hands keydowns to the workbench from a bubbling listener on the window (where
      // Ctrl+T is "Go to Symbol in Workspace"); one stands in for it here and must not hear the key.
      await page.evaluate(() => {
        const heard: string[] = [];
        (window as unknown as { heardByWorkbench: string[] }).heardByWorkbench = heard;
        window.addEventListener('keydown', (event) => {
          if (event.key !== 'Control') heard.push(`${event.ctrlKey ? 'Ctrl+' : ''}${event.key}`);
        });
      });
      await page.keyboard.press('Control+t');
      await page.locator(`[data-testid="handshake-row"][data-id="${reference.id}"][data-reference="true"]`).waitFor();
      cells = await timeCells(page);
      assert.equal(cells[reference.id], '*REF*');
      for (const row of inView.filter((entry) => entry.id !== reference.id)) assert.equal(cells[row.id], secondsBetween(row.synTime, reference.synTime), `row ${row.id} from the reference`);
      assert.match(cells[1]!, /^-\d+\.\d{6}$/);
      assert.equal(await page.getByTestId('time-reference-id').textContent(), `#${reference.id}`);
      assert.deepEqual(await page.evaluate(() => (window as unknown as { heardByWorkbench: string[] }).heardByWorkbench), []);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SCREENSHOTS, `table-time-reference-${theme}.png`) });

      await page.reload();
      await rows(page).first().waitFor();
      assert.equal(await page.getByTestId('time-format').inputValue(), 'since-start');
      assert.deepEqual(await timeCells(page), cells);

      // The row's menu takes it off again: back to seconds since the start.
      await page.locator(`[data-testid="handshake-row"][data-id="${reference.id}"]`).click({ button: 'right' });
      assert.equal(await page.getByTestId('menu-time-reference').textContent(), 'Remove time referenceCtrl+T');
      await page.getByTestId('menu-time-reference').click();
      await page.getByTestId('time-reference').waitFor({ state: 'hidden' });
      cells = await timeCells(page);
      assert.equal(cells[reference.id], secondsBetween(reference.synTime, captureStart));
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }

  // The attempts chart's bars lie on the same time axis as the TSval chart's SYNs: a drag on either is the table's one range.
  for (const { chartId, name } of [{ chartId: 'tsval-chart', name: 'TSval chart' }, { chartId: 'attempts-chart', name: 'attempts-over-time chart' }]) {
    test(`a drag across the ${name} filters the table to that time range; a double-click clears it`, async () => {
      const { page, problems } = await harness.open(browser, STORY);
      await rows(page).first().waitFor();
      const chart = page.locator(`[data-testid="${chartId}"] .chart-canvas`);
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.4);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45, { steps: 8 });
      await page.mouse.up();
      const range = parseTimeRange(await page.getByTestId('filter-text').inputValue());
      assert.ok(range, 'the filter box holds the range as an expression');
      const expected = report.filter((row) => row.synTime >= range.from && row.synTime <= range.to).map((row) => row.id);
      assert.ok(expected.length > 0 && expected.length < report.length, `${expected.length} of ${report.length} in the range`);
      await page.locator(`[data-testid="row-total"][data-total="${expected.length}"]`).waitFor();
      assert.deepEqual(await shownIds(page), expected);
      // The band is drawn in the theme's focus colour over the dragged span.
      const band = chart.getByTestId('chart-range');
      assert.equal(await band.isVisible(), true);
      // The other chart shows the same range.
      assert.equal(await page.getByTestId('chart-range').evaluateAll((bands) => bands.filter((node) => !(node as HTMLElement).hidden).length), 2);
      const bandBox = (await band.boundingBox())!;
      assert.ok(Math.abs(bandBox.x - (box.x + box.width * 0.35)) <= 2 && Math.abs(bandBox.width - box.width * 0.25) <= 3, JSON.stringify(bandBox));
      assert.equal(await band.evaluate((node) => getComputedStyle(node).borderLeftColor), 'rgb(0, 95, 184)');
      assert.equal(await page.getByTestId('clear-time-range').isVisible(), true);
      assert.equal(await page.getByTestId('clear-time-range-attempts').isVisible(), true);

      await page.reload();
      await page.locator(`[data-testid="row-total"][data-total="${expected.length}"]`).waitFor();
      await chart.getByTestId('chart-range').waitFor();

      await chart.dblclick();
      await page.locator(`[data-testid="row-total"][data-total="${report.length}"]`).waitFor();
      assert.equal(await page.getByTestId('filter-text').inputValue(), '');
      assert.equal(await chart.getByTestId('chart-range').isHidden(), true);
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }

  test('Ctrl and Shift select several rows, and their export sends exactly those rows; the files hold those attempts', async () => {
    const editor = await harness.open(browser, STORY);
    const { page, problems, received, exports } = editor;
    await rows(page).first().waitFor();
    const selectedIds = () => page.locator('[data-testid="handshake-row"][aria-selected="true"]').evaluateAll((list) => list.map((row) => Number((row as HTMLElement).dataset.id)));
    await rows(page).nth(1).click();
    await rows(page).nth(4).click({ modifiers: ['Control'] });
    // Shift alone would replace the selection with the range from the anchor; with Ctrl the range is added.
    await rows(page).nth(6).click({ modifiers: ['Control', 'Shift'] });
    await rows(page).nth(9).click({ modifiers: ['Control'] });
    const chosen = [report[1]!.id, report[4]!.id, report[5]!.id, report[6]!.id, report[9]!.id];
    await page.locator('[data-testid="selection-count"][data-count="5"]').waitFor();
    assert.deepEqual(await selectedIds(), chosen);
    assert.equal(await page.getByTestId('selection-count').textContent(), '5 selected');
    // The editor title's "Export packets of the selected attempts…" asks the page for the same rows, not the detail pane's one row:
    // rows the table holds, named by their ids.
    const byId = (ids: number[]) => [...ids].sort((a, b) => a - b);
    const selected = await harness.requestSelection(editor);
    assert.deepEqual({ ...selected?.rows, added: byId(selected?.rows.added ?? []) }, { all: false, ranges: [], added: byId(chosen), removed: [] });
    assert.equal(selected?.count, 5);

    await page.getByTestId('export-selected-pcapng').click();
    // From the keyboard: Shift+F10 opens the row's menu on the cursor row, Escape closes it, arrows and Enter choose.
    await page.getByTestId('handshake-table').focus();
    await page.keyboard.press('Shift+F10');
    await page.getByTestId('row-menu').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('row-menu').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'handshake-table');
    assert.equal(await page.getByTestId('selection-count').getAttribute('data-count'), '5', 'the menu keeps the selection');
    await page.keyboard.press('Shift+F10');
    for (const key of ['ArrowDown', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
    const deadline = Date.now() + 15_000;
    while (exports.length < 2 && Date.now() < deadline) await page.waitForTimeout(50);
    const asked = received.filter((message) => message.type === 'exportSelection');
    assert.deepEqual(asked, [
      { type: 'exportSelection', selection: selected, format: 'pcapng' },
      { type: 'exportSelection', selection: selected, format: 'csv' },
    ]);
    const pcapng = await readFile(exports.find((entry) => entry.format === 'pcapng')!.file);
    assert.ok(pcapng.includes(`Handshake Lens: attempts ${chosen.join(', ')} of story-client.pcap`), 'the pcapng names the chosen attempts');
    const csv = (await readFile(exports.find((entry) => entry.format === 'csv')!.file, 'utf8')).trim().split(/\r?\n/);
    assert.equal(csv.length, 1 + chosen.length);
    assert.deepEqual(csv.slice(1).map((line) => Number(line.split(',')[0])), chosen);

    // Ctrl+A: every row the filter shows.
    await page.getByTestId('filter-failed').check();
    const failed = report.filter((row) => row.verdict === 'fail').length;
    await page.locator(`[data-testid="row-total"][data-total="${failed}"]`).waitFor();
    await rows(page).first().click();
    await page.keyboard.press('Control+a');
    await page.locator(`[data-testid="selection-count"][data-count="${failed}"]`).waitFor();
    const all = await harness.requestSelection(editor);
    assert.deepEqual(byId(all?.rows.added ?? []), byId(report.filter((row) => row.verdict === 'fail').map((row) => row.id)));
    assert.deepEqual(all?.filter, { failedOnly: true });
    // Ctrl+click takes one out; its CSV holds the others.
    await rows(page).nth(2).click({ modifiers: ['Control'] });
    await page.locator(`[data-testid="selection-count"][data-count="${failed - 1}"]`).waitFor();
    const leftOut = Number(await rows(page).nth(2).getAttribute('data-id'));
    await page.getByTestId('export-selected-csv').click();
    for (const until = Date.now() + 15_000; exports.length < 3 && Date.now() < until;) await page.waitForTimeout(50);
    const lessOne = (await readFile(exports[2]!.file, 'utf8')).trim().split(/\r?\n/).slice(1).map((line) => Number(line.split(',')[0]));
    assert.deepEqual(lessOne, report.filter((row) => row.verdict === 'fail' && row.id !== leftOut).map((row) => row.id));
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
