/**
 * The capture editor's webview in headless chromium, fed by the real language server on the samples:
 * the table with its PASS/FAIL column, the diagnosis cards, the cause chips and their explanations, the
 * TSval chart, the ladder, the keyboard, and no Content Security Policy violation. Screenshots of the
 * light and dark themes go to test-results/webview/. Every wait is on an element state, never a delay.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { ENGLISH_STRINGS } from '../../src/shared/webviewStrings.js';
import { launchChromium } from '../../tools/vscode/browser.js';
import { assertCaptureStringsShownLiterally } from './captureStrings.js';
import { WebviewHarness } from './webviewHarness.js';
import { SENT_IDS } from '../../src/server/sentIds.js';
import { writeSynOnlyCapture } from '../../tools/limits/synOnlyCapture.js';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'webview');

describe('capture editor webview', () => {
  let harness: WebviewHarness;
  let browser: Browser;

  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    harness = await WebviewHarness.start();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    test(`correlated story pair shows PAWS, cause chips, the TSval chart and the ladder (${theme})`, async () => {
      const { page, problems } = await harness.open(browser, { capture: 'story-client.pcap', server: 'story-server.pcap', theme });
      await page.locator('[data-testid="capture-editor"][data-state="ready"]').waitFor();
      await page.locator('[data-testid="handshake-row"]').first().waitFor();

      assert.equal(await page.getByTestId('capture-file').textContent(), 'story-client.pcap');
      assert.equal(await page.getByTestId('server-capture-file').textContent(), 'story-server.pcap');
      assert.equal(await page.locator('[data-testid="count-fail"]').getAttribute('data-count'), '20');
      // The story's client capture was taken on the node, after the NAT: the header says so instead of "NAT: a → a".
      const nat = page.getByTestId('nat-translation');
      assert.equal(await nat.getAttribute('data-nat'), 'not-visible');
      assert.equal(await nat.textContent(), ENGLISH_STRINGS.natNotVisible);
      const paws = page.locator('[data-testid="diagnosis-card"][data-code="paws-tw-recycle"]');
      assert.equal(await paws.count(), 1);
      assert.match(await paws.getByTestId('diagnosis-title').textContent() ?? '', /tcp_tw_recycle/);
      // The fix commands sit in a visible box in every theme: a fill unlike the card's and a border; in high
      // contrast an outline as well.
      const box = await paws.locator('[data-testid="diagnosis-fix"] pre').evaluate((pre) => {
        const style = getComputedStyle(pre);
        return { fill: style.backgroundColor, card: getComputedStyle(pre.closest('.card')!).backgroundColor, border: style.borderTopWidth, outline: style.outlineStyle };
      });
      assert.notEqual(box.border, '0px', `a border around the fix commands (${theme})`);
      if (theme === 'high-contrast') assert.equal(box.outline, 'solid');
      else assert.notEqual(box.fill, box.card, `the fix commands' fill differs from the card's (${theme})`);

      const failed = page.locator('[data-testid="handshake-row"][data-verdict="fail"]');
      assert.ok(await failed.count() > 0);
      assert.equal(await failed.first().getByTestId('verdict-badge').textContent(), 'FAIL');
      const chip = failed.first().getByTestId('cause-chip');
      assert.equal(await chip.getAttribute('data-cause'), 'paws-tw-recycle');
      assert.match(await chip.getAttribute('title') ?? '', /tcp_tw_recycle/);
      assert.match(await failed.first().getByTestId('tsval').getAttribute('title') ?? '', /TSval/);
      assert.match(await page.getByTestId('column-tsval').getAttribute('title') ?? '', /PAWS/);

      const chart = page.getByTestId('tsval-chart');
      assert.ok(Number(await chart.getAttribute('data-series')) >= 2);
      assert.ok(Number(await chart.getAttribute('data-dropped')) > 0);
      // The attempts chart's legend uses the header's labels: "Passed" and "Failed", alike.
      assert.equal(await page.getByTestId('attempts-chart').getAttribute('data-legend'), `${ENGLISH_STRINGS.passed}|${ENGLISH_STRINGS.failedCount}`);

      await failed.first().click();
      await page.locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]').waitFor();
      assert.ok(await page.locator('[data-testid="ladder-packet"][data-kind="syn"][data-capture="server"]').count() > 0);
      assert.equal(await page.locator('[data-testid="ladder-note"][data-kind="no-syn-ack"]').count(), 1);
      assert.equal(await page.getByTestId('ladder').getAttribute('data-nat'), 'not-visible');
      assert.equal(await page.getByTestId('ladder-nat').textContent(), ENGLISH_STRINGS.noTranslationSeen);
      // Every SYN that reaches the server is drawn below the client's SYN with the same TSval.
      const synOrder = await page.locator('[data-testid="ladder-packet"][data-kind="syn"]').evaluateAll((groups) =>
        groups.map((group) => `${group.getAttribute('data-capture')} ${group.querySelector('.ladder-label')?.textContent ?? ''}`));
      for (const [index, entry] of synOrder.entries()) {
        if (!entry.startsWith('server ')) continue;
        const sent = synOrder.indexOf(entry.replace(/^server /, 'client '));
        assert.ok(sent >= 0 && sent < index, `${entry} drawn after its send in ${synOrder.join(' | ')}`);
      }
      assert.match(await page.getByTestId('wireshark-filter').textContent() ?? '', /tcp\.port == \d+/);

      await page.screenshot({ path: join(SCREENSHOTS, `story-correlated-${theme}.png`), fullPage: true });
      await page.screenshot({ path: join(SCREENSHOTS, `story-overview-${theme}.png`) });
      await page.locator('.table-and-detail').screenshot({ path: join(SCREENSHOTS, `story-table-ladder-${theme}.png`) });
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }

  test('beside the explorer in a 1400 px window, every column shows whole, ports included', async () => {
    // The editor of a 1400 × 900 workbench with the explorer open is about 1050 px wide.
    const { page, problems } = await harness.open(browser, { capture: 'story-client.pcap', server: 'story-server.pcap', viewport: { width: 1050, height: 900 } });
    const row = page.locator('[data-testid="handshake-row"]').first();
    await row.waitFor();
    const fits = await row.locator('[role="gridcell"]').evaluateAll((cells) => cells.map((cell) => ({
      column: cell.getAttribute('data-column'),
      text: cell.textContent,
      // The text's own width against the cell's room for it (8 px padding each side): catches an ellipsis
      // that scrollWidth, rounded to whole pixels, can miss.
      clipped: ((range) => (range.selectNodeContents(cell), range.getBoundingClientRect().width))(document.createRange()) > cell.clientWidth - 16 + 0.5,
    })));
    assert.deepEqual(fits.filter((cell) => cell.clipped && cell.column !== 'cause'), [], 'no cell is cut off');
    // The story lies within one day: the time goes without its date, which stays in the tooltip.
    const time = row.locator('[data-column="time"]');
    assert.match(await time.textContent() ?? '', /^\d\d:\d\d:\d\d\.\d{3} UTC$/);
    assert.match(await time.getAttribute('title') ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/);
    assert.equal(await row.locator('[data-column="server"] .address-port').textContent(), ':3306');
    assert.equal(await page.getByTestId('handshake-table').evaluate((grid) => grid.scrollWidth <= grid.clientWidth), true, 'no sideways scrolling');
    await page.screenshot({ path: join(SCREENSHOTS, 'story-narrow-light.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('a single capture: filters, sorting and the keyboard', async () => {
    const { page, problems } = await harness.open(browser, { capture: 'refused-and-unanswered.pcap' });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    const total = Number(await page.getByTestId('row-total').getAttribute('data-total'));
    assert.ok(total > 0);

    await page.getByTestId('filter-failed').check();
    await page.locator('[data-testid="row-total"]').and(page.locator(`:not([data-total="${total}"])`)).waitFor();
    const verdicts = await page.locator('[data-testid="handshake-row"]').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.verdict));
    assert.ok(verdicts.length > 0 && verdicts.every((verdict) => verdict === 'fail'));

    await page.locator('[data-testid="column-verdict"] button').click();
    assert.equal(await page.getByTestId('column-verdict').getAttribute('aria-sort'), 'ascending');

    await page.getByTestId('handshake-table').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('[data-testid="handshake-row"][aria-selected="true"]').waitFor();
    await page.locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]').waitFor();
    assert.equal(await page.locator('[data-testid="ladder-note"][data-kind="not-captured"]').count(), 1);

    await page.screenshot({ path: join(SCREENSHOTS, 'refused-and-unanswered-light.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('the hostile pcapng shows its strings as text, runs nothing and breaks no policy', async () => {
    const { page, problems } = await harness.open(browser, { capture: join(__dirname, '..', 'fixtures', 'hostile', 'injection.pcapng') });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    await assertCaptureStringsShownLiterally(page.getByTestId('capture-details'));
    // Nothing became markup and nothing ran.
    assert.equal(await page.locator('#app').locator('img, iframe, style, script, b, a[href^="javascript:"], svg:not([data-testid="ladder"])').count(), 0);
    assert.equal(await page.locator('[data-pwned]').count(), 0);
    assert.equal(await page.evaluate(() => document.body.dataset.pwned ?? null), null);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).display), 'block', 'no payload restyled the page');
    assert.deepEqual(dialogs, []);
    await page.screenshot({ path: join(SCREENSHOTS, 'injection-light.png') });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('revealing attempts clears the filter controls, and a filtered-out row leaves the detail pane', async () => {
    const { page, problems } = await harness.open(browser, { capture: 'story-client.pcap', server: 'story-server.pcap' });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    const total = await page.getByTestId('row-total').getAttribute('data-total');
    // A passed attempt in the detail pane, then "Failed only": that row is hidden, so the pane lets it go.
    await page.locator('[data-testid="handshake-row"][data-verdict="pass"]').first().click();
    await page.locator('[data-testid="detail-pane"][data-id]:not([data-loading]) [data-testid="ladder"]').waitFor();
    await page.getByTestId('filter-failed').check();
    await page.locator('[data-testid="row-total"]').and(page.locator(`:not([data-total="${total}"])`)).waitFor();
    await page.locator('[data-testid="detail-pane"] [data-testid="detail-empty"]').waitFor();
    assert.equal(await page.getByTestId('detail-pane').getAttribute('data-id'), null);
    // An evidence line reveals its attempts among all rows: the checkbox no longer claims "Failed only".
    await page.locator('[data-testid="diagnosis-card"] summary.card-head').first().click();
    await page.locator('[data-testid="diagnosis-card"] li.evidence-link').first().click();
    await page.locator(`[data-testid="row-total"][data-total="${total}"]`).waitFor();
    assert.equal(await page.getByTestId('filter-failed').isChecked(), false);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('a flood\'s evidence, sent cut to its first ids, shows the attempts of its cause: the table filtered by it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'handshake-lens-flood-'));
    const capture = join(directory, 'flood.pcap');
    writeSynOnlyCapture(capture, SENT_IDS + 1_000);
    const { page, problems } = await harness.open(browser, { capture });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    await page.locator('[data-testid="diagnosis-card"] summary.card-head').first().click();
    const evidence = page.locator('[data-testid="diagnosis-card"] li.evidence-link[data-handshake-cause="unlocated"]').first();
    assert.equal(await evidence.getAttribute('title'), ENGLISH_STRINGS.showCauseAttempts);
    assert.equal((await evidence.getAttribute('data-handshake-ids'))!.split(',').length, SENT_IDS);
    const all = await page.getByTestId('row-total').getAttribute('data-total');
    await evidence.click();
    await page.locator(`[data-testid="row-total"]:not([data-total="${all}"])`).waitFor();
    assert.equal(await page.getByTestId('filter-cause').inputValue(), 'unlocated');
    const total = Number(await page.getByTestId('row-total').getAttribute('data-total'));
    // The attempts too young to judge at the capture's end have no cause.
    assert.ok(total > SENT_IDS && total < Number(all), `${total} of ${all}`);
    assert.equal(await page.locator('[data-testid="handshake-row"][aria-selected="true"]').count(), 0);
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'flood-cause-filter-light.png') });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('a server-side capture alone: the SYN arrives, no SYN-ACK leaves, and it offers a client capture', async () => {
    const { page, problems } = await harness.open(browser, { capture: 'story-server.pcap' });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    assert.equal(await page.getByTestId('correlate-button').textContent(), ENGLISH_STRINGS.correlateClient);
    assert.equal(await page.getByTestId('correlation').textContent(), ENGLISH_STRINGS.notCorrelatedClient);
    await page.locator('[data-testid="handshake-row"][data-verdict="fail"]').first().click();
    const ladder = page.locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]');
    await ladder.waitFor();
    const captures = await ladder.locator('[data-testid="ladder-packet"]').evaluateAll((packets) => packets.map((p) => `${p.getAttribute('data-kind')}@${p.getAttribute('data-capture')}`));
    assert.ok(captures.length > 0 && captures.every((packet) => packet === 'syn@server'), captures.join(' '));
    const notes = await ladder.locator('[data-testid="ladder-note"]').evaluateAll((list) => list.map((note) => note.getAttribute('data-kind')));
    assert.deepEqual(notes.sort(), ['no-syn-ack', 'not-captured']);
    assert.match(await ladder.textContent() ?? '', new RegExp(ENGLISH_STRINGS.noClientCapture));
    assert.doesNotMatch(await ladder.textContent() ?? '', new RegExp(ENGLISH_STRINGS.noServerCapture));
    await page.screenshot({ path: join(SCREENSHOTS, 'story-server-alone-light.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  for (const theme of ['light', 'dark'] as const) test(`in the editor of a 1280 × 800 window with the explorer open, the table is on the first screen and a selected ladder comes into view (${theme})`, async () => {
    // About 1000 × 700 px are left for the editor there.
    const { page, problems } = await harness.open(browser, { capture: 'story-client.pcap', server: 'story-server.pcap', theme, viewport: { width: 1000, height: 700 } });
    const firstRow = page.locator('[data-testid="handshake-row"]').first();
    await firstRow.waitFor();
    // Each diagnosis is one line until opened.
    const cards = page.locator('[data-testid="diagnosis-card"]');
    assert.ok(await cards.count() >= 2);
    for (const height of await cards.evaluateAll((list) => list.map((card) => card.getBoundingClientRect().height))) assert.ok(height < 48, `a card of ${height} px`);
    assert.ok((await firstRow.boundingBox())!.y + 26 <= 700, 'the first row is on the first screen');
    await page.screenshot({ path: join(SCREENSHOTS, `story-1280x800-${theme}.png`) });
    // Opening a card shows its explanation, evidence and fix.
    const paws = page.locator('[data-testid="diagnosis-card"][data-code="paws-tw-recycle"]');
    await paws.locator('summary.card-head').click();
    await paws.getByTestId('diagnosis-explanation').waitFor();
    await paws.locator('summary.card-head').click();
    await page.locator('[data-testid="handshake-row"][data-verdict="fail"]').nth(3).click();
    const ladder = page.locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]');
    await ladder.waitFor();
    const box = await ladder.evaluate((svg) => svg.getBoundingClientRect().top);
    assert.ok(box >= 0 && box < 700 - 100, `the ladder starts in view (at ${box} px)`);
    await page.screenshot({ path: join(SCREENSHOTS, `story-1280x800-ladder-${theme}.png`) });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('the breakdown counts attempts and failures per client and per server, and a server filters the table', async () => {
    const { page, problems } = await harness.open(browser, { capture: 'refused-and-unanswered.pcap' });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    await page.locator('[data-testid="breakdown"] summary').click();
    const rows = await page.locator('[data-testid="breakdown-row"]').evaluateAll((list) => list.map((row) => `${row.getAttribute('data-kind')} ${row.getAttribute('data-key')} ${row.querySelectorAll('td')[1]!.textContent}/${row.getAttribute('data-failed')}`));
    // Expected from the sample's own rows: one client, two server ports, the one with most failures first.
    assert.deepEqual(rows, ['client 192.168.0.9 8/5', 'server 192.168.11.250:3307 3/3', 'server 192.168.11.250:3306 5/2']);
    // One application host, one TSval clock; the servers' table has no clocks column.
    assert.equal(await page.locator('[data-testid="breakdown-client"] [data-testid="breakdown-row"] td').nth(4).textContent(), '1');
    assert.equal(await page.locator('[data-testid="breakdown-server"] th').count(), 4);
    await page.locator('[data-testid="breakdown-row"][data-key="192.168.11.250:3307"] button').click();
    await page.locator('[data-testid="row-total"][data-total="3"]').waitFor();
    assert.equal(await page.getByTestId('filter-text').inputValue(), '192.168.11.250:3307');
    const servers = await page.locator('[data-testid="handshake-row"] [data-column="server"]').allTextContents();
    assert.ok(servers.length === 3 && servers.every((text) => text.includes('3307')), servers.join(' '));
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('a pair without a visible NAT does not claim one', async () => {
    // The real recording's node capture (after MASQUERADE) against the server: the same address and ports
    // on both sides, and no TSval clocks that reveal several hosts (each connection has its own offset).
    const real = join(__dirname, '..', 'fixtures', 'real');
    const { page, problems } = await harness.open(browser, { capture: join(real, 'node-side.pcap'), server: join(real, 'server-side.pcap') });
    const nat = page.getByTestId('nat-translation');
    await nat.waitFor();
    assert.equal(await nat.getAttribute('data-nat'), 'none');
    assert.equal(await nat.textContent(), ENGLISH_STRINGS.natNone);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('a diagnosis cancelled lists every attempt without causes, says so, and diagnoses again on request', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'handshake-lens-undiagnosed-'));
    const attempts = 150_000;
    for (const theme of ['light', 'dark'] as const) {
      // A file per theme: the server keeps the diagnosis of a capture once it has run to the end.
      const capture = join(folder, `unanswered-${theme}.pcap`);
      writeSynOnlyCapture(capture, attempts);
      const { page, problems } = await harness.open(browser, { capture, theme, cancelDiagnosis: true, viewport: { width: 1280, height: 800 } });
      const banner = page.getByTestId('undiagnosed-banner');
      await banner.waitFor({ timeout: 60_000 });
      assert.ok((await banner.innerText()).includes(ENGLISH_STRINGS.diagnosisCancelled), await banner.innerText());
      assert.equal(await page.getByTestId('count-all').getAttribute('data-count'), String(attempts));
      await page.locator('[data-testid="handshake-row"]').first().waitFor();
      assert.equal(await page.getByTestId('diagnosis-cards').count(), 0, 'no diagnosis of passes cut short, nor a claim that there is none');
      assert.equal(await page.locator('[data-testid="warnings-banner"] li[data-code="diagnosis-cancelled"]').count(), 0, 'said once, in its own banner');
      await page.screenshot({ path: join(SCREENSHOTS, `undiagnosed-${theme}.png`) });
      await page.getByTestId('rediagnose-button').click();
      await page.getByTestId('diagnosis-card').first().waitFor({ timeout: 60_000 });
      assert.equal(await banner.count(), 0);
      assert.deepEqual(problems, []);
      await page.context().close();
    }
  });

  test('a capture cut short names the problem once, with its byte offset', async () => {
    const cut = join(await mkdtemp(join(tmpdir(), 'handshake-lens-cut-')), 'cut-short.pcap');
    const story = await readFile(join(__dirname, '..', '..', 'samples', 'story-client.pcap'));
    await writeFile(cut, story.subarray(0, 10_001));
    const { page, problems } = await harness.open(browser, { capture: cut });
    const warning = page.locator('[data-testid="warnings-banner"] li[data-code="cut-short"]');
    await warning.waitFor();
    const text = await warning.textContent() ?? '';
    assert.ok(!text.includes('cut-short'), `the code stays out of the sentence: ${text}`);
    assert.equal(text, 'cut short in the middle of a packet: 72 of 90 bytes present (byte 9,929)');
    assert.equal(await warning.getAttribute('title'), 'cut-short');
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('an unreadable file shows what is wrong and at which byte', async () => {
    const { page, problems } = await harness.open(browser, { capture: join(__dirname, '..', '..', 'README.md') });
    const error = page.getByTestId('capture-error');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-kind'), 'unreadable');
    assert.ok((await page.getByTestId('capture-error-reason').textContent() ?? '').length > 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'unreadable-light.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
