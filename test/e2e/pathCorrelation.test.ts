// Several capture points in the editor, in code-server and chromium (light theme, 1280 × 800): opening a
// capture suggests the one workspace capture that shares its traffic and correlates it in one click; and
// three captures of the real path-drops recording (a pod, the node's `tcpdump -i any`, the server) are
// correlated along their path from the multi-select picker, which checks only the captures sharing the
// pod's traffic. Expected figures come from the command line's report, never from the editor under test.
import * as assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { pollUntil } from '../../tools/vscode/poll.js';
import { activeWebview, closeAllEditors, openFromExplorer, pickQuickInputItem, runCommand } from '../../tools/vscode/workbench.js';
import { analyzePathWithCli, analyzeWithCli } from './cliAndTshark.js';
import { problemsOf } from './problemsPanel.js';
import { progressDone, startWorkbench, type Workbench } from './steps.js';

const STEP_MS = 120_000;
const PATH_DROPS = ['pod-a.pcap', 'pod-b.pcap', 'node-any.pcap', 'server-side.pcap'];
const CORRELATE_PATH = 'Handshake Lens: Correlate captures along a path…';

describe('several capture points in code-server and chromium', () => {
  let workbench: Workbench;
  let page: Page;
  const view = (): FrameLocator => activeWebview(page);
  const repo = (path: string) => join(__dirname, '../..', path);

  async function openCapture(name: string): Promise<void> {
    await closeAllEditors(page);
    await openFromExplorer(page, name);
    await view().locator('[data-testid="capture-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await view().locator('[data-testid="handshake-row"]').first().waitFor();
  }

  before(async () => {
    workbench = await startWorkbench({
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
      prepare: (workspace) => {
        for (const name of PATH_DROPS) copyFileSync(repo(`test/fixtures/real/path-drops/${name}`), join(workspace, name));
      },
    });
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
  });

  it('opening the story\'s client capture suggests its server capture with every attempt shared, and one click correlates them', { timeout: STEP_MS }, async () => {
    const attempts = analyzeWithCli(repo('samples/story-client.pcap')).handshakes.length;
    await openCapture('story-client.pcap');
    const suggestion = view().getByTestId('suggestion');
    await suggestion.waitFor({ timeout: 60_000 });
    assert.equal(await suggestion.getByTestId('suggestion-text').textContent(), `story-server.pcap shares ${attempts} of ${attempts} attempts`);
    await workbench.shot('e2e-path-suggestion');
    await suggestion.getByTestId('suggestion-correlate').click();
    await view().locator('[data-testid="correlation"][data-correlated="true"]').waitFor();
    assert.equal(await view().getByTestId('server-capture-file').textContent(), 'story-server.pcap');
    await progressDone(page);
  });

  it('three captures along the pod\'s path: the picker checks those sharing its traffic, the editor shows the path, its PATH column and the node\'s drops', { timeout: 2 * STEP_MS }, async () => {
    const cli = analyzePathWithCli(['pod-a.pcap', 'node-any.pcap', 'server-side.pcap'].map((name) => repo(`test/fixtures/real/path-drops/${name}`)));
    // The pod's own attempts the node dropped: the rows of the path held by the pod (its clients are the pod's address).
    const droppedAtNode = cli.handshakes.filter((h) => h.cause === 'dropped-at-node' && h.client.startsWith('10.231.1.2:')).length;
    assert.ok(droppedAtNode >= 2, 'the recording has attempts the node dropped');

    await openCapture('pod-a.pcap');
    await progressDone(page);
    await page.keyboard.press('Escape');
    await runCommand(page, CORRELATE_PATH, 30_000, true);
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const checked = async () => (await rows.evaluateAll((list) => list.map((row) => {
      const box = row.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
      const on = row.getAttribute('aria-checked') === 'true' || box?.checked === true || row.querySelector('.monaco-custom-toggle.checked') !== null;
      return on ? (row.getAttribute('aria-label') ?? '') : null;
    }))).filter((label): label is string => label !== null).map((label) => /[\w-]+\.pcap/.exec(label)?.[0]).sort();
    await pollUntil('the picker lists the workspace captures', 30_000, async () => ((await rows.count()) >= 6 || undefined));
    // The current capture and what shares its traffic; never the other pod, nor the samples.
    assert.deepEqual(await checked(), ['node-any.pcap', 'pod-a.pcap', 'server-side.pcap']);
    await workbench.shot('e2e-path-picker');
    await page.keyboard.press('Enter');
    await pickQuickInputItem(page, 'Find it from the traffic');

    await view().locator('[data-testid="correlation"][data-path="true"]').waitFor({ timeout: 60_000 });
    await progressDone(page, 60_000);
    assert.deepEqual(await view().getByTestId('path-capture').allTextContents(), ['pod-a.pcap', 'node-any.pcap', 'server-side.pcap']);
    const dropped = view().locator('[data-testid="handshake-row"][data-cause="dropped-at-node"]');
    await pollUntil(`${droppedAtNode} rows dropped at the node`, 10_000, async () => (await dropped.count()) === droppedAtNode || undefined);
    assert.equal(await dropped.first().getByTestId('path-missed-at').textContent(), 'node-any (after NAT)');
    await dropped.first().click();
    const ladder = view().locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]');
    await ladder.waitFor();
    assert.equal(await ladder.getAttribute('data-points'), '4');
    await workbench.shot('e2e-path-correlated');

    // Every capture of the path shows the path's problems, each in its own numbering.
    const atNode = cli.problems.find((line) => line.includes('died on a node'));
    assert.ok(atNode, cli.problems.join('\n'));
    for (const capture of ['pod-a.pcap', 'node-any.pcap', 'server-side.pcap']) {
      const shown = await problemsOf(page, capture, cli.problems);
      assert.ok(shown.includes(atNode), `${capture}: ${shown.join('\n')}`);
    }
  });
});
