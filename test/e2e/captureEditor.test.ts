// The capture editor's features, each as a person uses it in code-server and chromium (light theme,
// 1280 × 800), one after another in one window: the first double-click right after the window loads,
// pairing and re-pairing captures as the Problems panel shows them, a server capture's ladder, the filter
// box, the breakdown, the export of failed attempts checked against tshark, and a long analysis cancelled. Expected figures come from the command line's JSON and from tshark, never from
// the editor under test. Every wait is an element state or a bounded poll.
import * as assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { writeSynOnlyCapture } from '../../tools/limits/synOnlyCapture.js';
import { pollUntil } from '../../tools/vscode/poll.js';
import { activeWebview, closeAllEditors, notificationsFrom, openFromExplorer, pickQuickInputItem, runCommand, waitForNotification } from '../../tools/vscode/workbench.js';
import { analyzeWithCli, tsharkFrames, type CliHandshake } from './cliAndTshark.js';
import { problemsOf } from './problemsPanel.js';
import { CORRELATE, HANDSHAKE_LENS, progressDone, startWorkbench, type Workbench } from './steps.js';

const STEP_MS = 120_000;
/** The real recordings (test/fixtures/real/), under names of their own in the workspace. */
const RECORDED = { 'recorded-node.pcap': 'test/fixtures/real/node-side.pcap', 'recorded-server.pcap': 'test/fixtures/real/server-side.pcap' };
/** SYN-only attempts in the capture that is cancelled: 30 MB, read in slices of 65,536 records of about a second each. */
const FLOOD_ATTEMPTS = 400_000;
const FLOOD = 'syn-flood.pcap';

describe('the capture editor in code-server and chromium', () => {
  let workbench: Workbench;
  let page: Page;
  const view = (): FrameLocator => activeWebview(page);
  const ready = () => view().locator('[data-testid="capture-editor"][data-state="ready"]').waitFor();
  const rows = () => view().locator('[data-testid="handshake-row"]');
  const rowTotal = async () => Number(await view().getByTestId('row-total').getAttribute('data-total'));
  const repo = (path: string) => join(__dirname, '../..', path);

  async function openCapture(name: string): Promise<void> {
    await closeAllEditors(page);
    await openFromExplorer(page, name);
    await ready();
    await rows().first().waitFor();
  }

  async function correlate(client: string, server: string): Promise<void> {
    await page.keyboard.press('Escape');
    await runCommand(page, CORRELATE, 30_000, true);
    await pickQuickInputItem(page, client);
    await pickQuickInputItem(page, server);
    await view().locator('[data-testid="correlation"][data-correlated="true"]').waitFor();
    assert.equal(await view().getByTestId('server-capture-file').textContent(), server);
    await progressDone(page);
  }

  /** Waits until the table shows `count` rows in all, after a filter changed. */
  async function rowsShown(count: number): Promise<void> {
    await pollUntil(`${count} rows shown`, 10_000, async () => (await rowTotal()) === count || undefined);
  }

  /**
   * The ids of the rows the table shows, once they are `expected` (the rows arrive a moment after the
   * total), or as they are when the wait ends. All of them fit in the window for the captures used here.
   */
  async function shownIds(expected: readonly number[]): Promise<number[]> {
    let shown: number[] = [];
    await pollUntil('the rows shown', 10_000, async () => {
      shown = (await rows().evaluateAll((nodes) => nodes.map((node) => Number((node as HTMLElement).dataset.id)))).sort((a, b) => a - b);
      return JSON.stringify(shown) === JSON.stringify(expected) || undefined;
    }).catch(() => undefined);
    return shown;
  }

  before(async () => {
    workbench = await startWorkbench({
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
      prepare: (workspace) => {
        for (const [name, path] of Object.entries(RECORDED)) copyFileSync(repo(path), join(workspace, name));
        writeSynOnlyCapture(join(workspace, FLOOD), FLOOD_ATTEMPTS);
      },
    });
    // No waiting for the extension here: the first step is a double-click as soon as the explorer shows.
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
  });

  // Before the workbench knows the capture editor, VS Code opens a capture in its binary text editor ("Open
  // Anyway"); the extension (src/host/captureTabs.ts) must move the tab once it starts. The race is run as
  // a person runs it, and the end state checked whichever way it went: one tab, in the capture editor.
  it('a capture double-clicked as soon as the window shows opens in the capture editor, never left in the binary text editor', { timeout: STEP_MS }, async () => {
    await openFromExplorer(page, 'healthy.pcap');
    const placeholder = page.locator('.monaco-editor-pane-placeholder:visible');
    // Which editor showed first says which way the race went (for the log, not the verdict).
    const first = await pollUntil('an editor for the capture', 60_000, async () => {
      if (await placeholder.count()) return 'the binary text editor first';
      if (await view().locator('[data-testid="capture-editor"]').count()) return 'the capture editor at once';
      return undefined;
    }, 50);
    console.log(`healthy.pcap opened in ${first}`);
    await view().locator('[data-testid="capture-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    assert.equal(await view().getByTestId('capture-file').textContent(), 'healthy.pcap');
    const tabs = page.locator('.editor-group-container .tabs-container .tab');
    await pollUntil('one tab, the capture editor\'s', 10_000, async () => (await tabs.count()) === 1 || undefined);
    assert.match(await tabs.first().innerText(), /healthy\.pcap/);
    assert.equal(await placeholder.count(), 0, 'no "binary file" placeholder');
    await progressDone(page);
    await workbench.shot('e2e-first-open');
  });

  it('re-pairing: each pairing\'s problems replace the previous ones in the Problems panel, a pairing of captures sharing nothing is refused', { timeout: 3 * STEP_MS }, async () => {
    const storyPair = analyzeWithCli(repo('samples/story-client.pcap'), repo('samples/story-server.pcap')).problems;
    const recordedPair = analyzeWithCli(repo(RECORDED['recorded-node.pcap']), repo(RECORDED['recorded-server.pcap'])).problems;

    await closeAllEditors(page);
    await correlate('story-client.pcap', 'story-server.pcap');
    assert.deepEqual(await problemsOf(page, 'story-client.pcap', storyPair), storyPair);
    assert.deepEqual(await problemsOf(page, 'story-server.pcap', storyPair), storyPair);

    // The recorded node's capture and the story's server capture share no SYN: picked by hand, they are
    // refused with the reason, and nothing is published for them.
    await page.keyboard.press('Escape');
    await runCommand(page, CORRELATE, 30_000, true);
    await pickQuickInputItem(page, 'recorded-node.pcap');
    await pickQuickInputItem(page, 'story-server.pcap');
    const refusal = await waitForNotification(page, 'share no connection attempt');
    assert.match(refusal, /recorded-node\.pcap and story-server\.pcap share no connection attempt \(no SYN with the same ISN and TSval\)/);
    await workbench.shot('e2e-repair-refused');
    await runCommand(page, 'Notifications: Clear All Notifications');
    assert.deepEqual(await problemsOf(page, 'story-server.pcap', storyPair), storyPair);

    await correlate('recorded-node.pcap', 'recorded-server.pcap');
    assert.deepEqual(await problemsOf(page, 'recorded-node.pcap', recordedPair), recordedPair);
    assert.deepEqual(await problemsOf(page, 'recorded-server.pcap', recordedPair), recordedPair);
    // The story's server capture still shows the story pairing: its own PAWS error.
    const server = await problemsOf(page, 'story-server.pcap', storyPair);
    assert.deepEqual(server, storyPair);
    assert.ok(server.some((line) => line.startsWith('Error: 192.168.11.250:3306 dropped 20 connection attempts')), server.join('\n'));
    await workbench.shot('e2e-repair-problems');
  });

  it('a server capture\'s ladder shows the SYN arriving and no SYN-ACK leaving, and the editor offers "Correlate with client capture…"', { timeout: STEP_MS }, async () => {
    await runCommand(page, 'View: Hide Panel');
    await openCapture('story-server.pcap');
    const correlateButton = view().getByTestId('correlate-button');
    assert.equal((await correlateButton.innerText()).trim(), 'Correlate with client capture…');
    await view().locator('[data-testid="handshake-row"][data-verdict="fail"]').first().click();
    const ladder = view().locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]');
    await ladder.waitFor();
    const packets = await ladder.getByTestId('ladder-packet').evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('data-capture')} ${node.getAttribute('data-kind')}`));
    assert.ok(packets.length > 0 && packets.every((packet) => packet === 'server syn'), `only SYNs, seen at the server: ${packets}`);
    const notes = await ladder.getByTestId('ladder-note').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kind')));
    assert.ok(notes.includes('no-syn-ack'), `"No SYN-ACK leaves the server" among ${notes}`);
    assert.match(await ladder.innerHTML(), /No SYN-ACK leaves the server/);
    await ladder.scrollIntoViewIfNeeded();
    await workbench.shot('e2e-server-ladder');
    // The button asks for the client capture to pair with this one.
    await correlateButton.click();
    const picker = page.locator('.quick-input-widget');
    await picker.locator('.quick-input-title', { hasText: 'Client-side capture to correlate with story-server.pcap' }).waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
  });

  it('the filter box: an expression filters the rows, an invalid one shows its error as it is typed', { timeout: STEP_MS }, async () => {
    const expected = analyzeWithCli(repo(RECORDED['recorded-node.pcap'])).handshakes;
    const matching = expected.filter((row) => row.verdict === 'fail' && row.synCount >= 2).map((row) => row.id);
    const failed = expected.filter((row) => row.verdict === 'fail').length;
    assert.ok(matching.length > 0 && matching.length < failed, 'the expression keeps some failed attempts, not all');
    await openCapture('recorded-node.pcap');
    const box = view().getByTestId('filter-text');
    const problem = view().getByTestId('filter-error');
    await box.pressSequentially('verdict == fail && syns >= 2');
    await rowsShown(matching.length);
    assert.deepEqual(await shownIds(matching), matching);
    assert.ok(await problem.isHidden(), 'no error for a valid expression');
    await workbench.shot('e2e-filter-expression');

    // Typed on, it breaks (every prefix of the addition is broken too): the error shows, the rows stay as they were.
    await box.pressSequentially(' && (');
    await problem.waitFor({ state: 'visible' });
    assert.ok((await problem.innerText()).trim().length > 0, 'the error says what is wrong');
    assert.ok(await problem.getAttribute('data-code'), 'a coded error');
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await shownIds(matching), matching);
    await workbench.shot('e2e-filter-error');
    await box.fill('');
    await rowsShown(expected.length);
  });

  it('the breakdown: a click on a server filters the table to it', { timeout: STEP_MS }, async () => {
    const expected = analyzeWithCli(repo(RECORDED['recorded-node.pcap'])).handshakes;
    await openCapture('recorded-node.pcap');
    const breakdown = view().getByTestId('breakdown');
    await breakdown.locator('summary').click();
    const serverRows = breakdown.locator('[data-testid="breakdown-row"][data-kind="server"]');
    await serverRows.first().waitFor();
    const keys = await serverRows.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-key')!));
    assert.ok(keys.length >= 2, `more than one server: ${keys}`);
    // The least busy server, so that the filter visibly leaves rows out and its rows fit in the window.
    const attemptsOf = (server: string) => expected.filter((row) => row.server === server).map((row) => row.id);
    const key = [...keys].sort((a, b) => attemptsOf(a).length - attemptsOf(b).length)[0];
    const ofServer = attemptsOf(key);
    assert.ok(ofServer.length > 0 && ofServer.length < expected.length);
    await serverRows.filter({ has: view().locator(`button`, { hasText: key }) }).locator('button').click();
    await rowsShown(ofServer.length);
    assert.deepEqual(await shownIds(ofServer), ofServer);
    assert.equal(await view().getByTestId('filter-text').inputValue(), key, 'the filter box says what the table shows');
    await workbench.shot('e2e-breakdown-filter');
  });

  it('"Export packets of failed attempts…" writes the frames tshark selects for those attempts', { timeout: STEP_MS }, async () => {
    const capture = 'refused-and-unanswered.pcap';
    const original = join(workbench.workspace, capture);
    const failed = analyzeWithCli(original).handshakes.filter((row) => row.verdict === 'fail');
    await openCapture(capture);
    await runCommand(page, 'Handshake Lens: Export packets of failed attempts…', 30_000, true);
    // code-server's save dialog is VS Code's simple file dialog: a quick input holding the proposed path.
    const input = page.locator('.quick-input-widget input');
    await pollUntil('the proposed file name in the save dialog', 10_000, async () =>
      (await input.inputValue()).endsWith('refused-and-unanswered-failed.pcapng') || undefined);
    await page.keyboard.press('Enter');
    assert.match(await waitForNotification(page, 'Exported'), new RegExp(`Exported \\d+ packets of ${failed.length} attempts to refused-and-unanswered-failed\\.pcapng`));
    await workbench.shot('e2e-export-failed');

    const exported = tsharkFrames(join(workbench.workspace, 'refused-and-unanswered-failed.pcapng'));
    const selected = tsharkFrames(original, attemptsFilter(failed, analyzeWithCli(original).handshakes));
    assert.ok(selected.length > failed.length, `more frames than attempts: ${selected.length}`);
    assert.deepEqual(exported, selected);
  });

  it('"Export packets of the selected attempts…" from the editor title exports the table\'s selection', { timeout: STEP_MS }, async () => {
    const capture = 'refused-and-unanswered.pcap';
    const original = join(workbench.workspace, capture);
    const all = analyzeWithCli(original).handshakes;
    await openCapture(capture);
    await rows().first().waitFor();
    // Two rows, the second by Ctrl+click: the detail pane shows only the last, the export takes both.
    await rows().nth(0).click();
    await rows().nth(2).click({ modifiers: ['Control'] });
    await view().locator('[data-testid="selection-count"][data-count="2"]').waitFor();
    const chosen = [all[0]!.id, all[2]!.id];
    await runCommand(page, 'Handshake Lens: Export packets of the selected attempts…', 30_000, true);
    const input = page.locator('.quick-input-widget input');
    await pollUntil('the proposed file name in the save dialog', 10_000, async () =>
      (await input.inputValue()).endsWith('refused-and-unanswered-2-attempts.pcapng') || undefined);
    await page.keyboard.press('Enter');
    assert.match(await waitForNotification(page, 'attempts to refused-and-unanswered-2-attempts.pcapng'), /Exported \d+ packets of 2 attempts to refused-and-unanswered-2-attempts\.pcapng/);
    const exported = tsharkFrames(join(workbench.workspace, 'refused-and-unanswered-2-attempts.pcapng'));
    assert.deepEqual(exported, tsharkFrames(original, attemptsFilter(all.filter((row) => chosen.includes(row.id)), all)));
  });

  it('cancelling a long analysis keeps the rows read so far and says at what percentage it stopped', { timeout: STEP_MS }, async () => {
    await closeAllEditors(page);
    await openFromExplorer(page, FLOOD);
    const toast = notificationsFrom(page, HANDSHAKE_LENS).filter({ hasText: `Analysing ${FLOOD}` });
    // Cancelled once the bar has moved: some attempts are read, most are not.
    await pollUntil('the analysis under way', 30_000, async () => {
      const text = await toast.first().innerText().catch(() => '');
      const percent = /(\d+) %/.exec(text);
      return percent && Number(percent[1]) > 0 ? true : undefined;
    }, 50);
    await toast.first().getByRole('button', { name: 'Cancel' }).click();
    const banner = view().getByTestId('cancelled-banner');
    await banner.waitFor({ timeout: 30_000 });
    const percent = Number(await banner.getAttribute('data-percent'));
    assert.ok(percent > 0 && percent < 100, `stopped part-way: ${percent} %`);
    assert.match(await banner.innerText(), new RegExp(`cancelled at ${percent} %`));
    await rows().first().waitFor();
    // Pass, fail and unknown (the last SYNs read, whose wait for an answer the cut ended).
    const attempts = Number(await view().getByTestId('count-all').getAttribute('data-count'));
    assert.ok(attempts > 0 && attempts < FLOOD_ATTEMPTS, `the attempts read before the cancel: ${attempts}`);
    assert.equal(await rowTotal(), attempts, 'each attempt read is a row');
    // Every record is one SYN of one attempt, all of one size: the percentage is the share of attempts read.
    assert.ok(Math.abs((100 * attempts) / FLOOD_ATTEMPTS - percent) < 1, `${attempts} of ${FLOOD_ATTEMPTS} attempts read at ${percent} %`);
    await workbench.shot('e2e-cancelled');
  });
});

/**
 * A display filter for the frames the export promises: every frame of each attempt's four-tuple from its
 * first SYN until the next attempt on that four-tuple, or the capture's end.
 */
function attemptsFilter(attempts: readonly CliHandshake[], all: readonly CliHandshake[]): string {
  return attempts.map((attempt) => {
    const [clientHost, clientPort] = splitEndpoint(attempt.client);
    const [serverHost, serverPort] = splitEndpoint(attempt.server);
    const next = all.filter((other) => other.client === attempt.client && other.server === attempt.server && other.synTime > attempt.synTime)
      .reduce<number | undefined>((first, other) => (first === undefined || other.synTime < first ? other.synTime : first), undefined);
    const until = next === undefined ? '' : ` && frame.time_epoch < ${(next - 5e-7).toFixed(7)}`;
    return `(ip.addr == ${clientHost} && tcp.port == ${clientPort} && ip.addr == ${serverHost} && tcp.port == ${serverPort} && frame.time_epoch >= ${(attempt.synTime - 5e-7).toFixed(7)}${until})`;
  }).join(' || ');
}

function splitEndpoint(endpoint: string): [string, string] {
  const colon = endpoint.lastIndexOf(':');
  return [endpoint.slice(0, colon).replace(/^\[|\]$/g, ''), endpoint.slice(colon + 1)];
}
