// "Open capture set…" as a person uses it in code-server and chromium: a right-click on a folder of the
// explorer, and on ring files selected together with Shift+click; each opens one capture editor that
// lists the set's files and counts what the command line counts for the same folder. The ring is the
// story's client capture cut by editcap at test time (test/vscode/testWorkspace.ts). Every wait is an
// element state or a bounded poll.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { pollUntil } from '../../tools/vscode/poll.js';
import { activeWebview, closeAllEditors, openFromExplorer, waitForCommand } from '../../tools/vscode/workbench.js';
import { problemsOf } from './problemsPanel.js';
import { analyzeWithCli } from './cliAndTshark.js';
import { startWorkbench, type Workbench } from './steps.js';

const STEP_MS = 120_000;
const RING = 'story-ring';

describe('"Open capture set…" in code-server and chromium', () => {
  let workbench: Workbench;
  let page: Page;
  let files: string[];
  const view = (): FrameLocator => activeWebview(page);
  const explorerRow = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });

  before(async () => {
    workbench = await startWorkbench();
    page = workbench.page;
    files = readdirSync(join(workbench.workspace, RING)).sort();
    // The explorer's menus have the extension's items only once the extension host registered it.
    await waitForCommand(page, 'Handshake Lens: Open capture set…');
  });

  after(async () => {
    await workbench?.close();
  });

  /**
   * The explorer's context menu on the rows right-clicked last: its "Open capture set…" item, chosen as
   * a keyboard user does (highlighted, then Enter): a click while the menu was still settling was lost.
   */
  async function chooseOpenCaptureSet(): Promise<void> {
    const item = page.locator('.monaco-menu .action-item', { hasText: 'Open capture set…' });
    await item.waitFor();
    await item.hover();
    await pollUntil('"Open capture set…" highlighted', 10_000, async () => ((await item.getAttribute('class'))?.includes('focused') ? true : undefined));
    await page.keyboard.press('Enter');
    await item.waitFor({ state: 'detached' });
  }

  /** The editor the command opened: the set's files listed, the folder's attempts counted as the CLI counts them. */
  async function assertSetEditor(): Promise<void> {
    await view().locator('[data-testid="capture-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await view().locator('[data-testid="handshake-row"]').first().waitFor();
    assert.equal(await view().getByTestId('capture-file').textContent(), RING);
    assert.equal(await view().getByTestId('set-files').getAttribute('data-files'), String(files.length));
    assert.deepEqual(await view().getByTestId('set-file-name').allTextContents(), files);
    const cli = analyzeWithCli(join(workbench.workspace, RING));
    const failed = cli.handshakes.filter((h) => h.verdict === 'fail').length;
    assert.ok(failed > 0);
    assert.equal(await view().getByTestId('count-fail').getAttribute('data-count'), String(failed));
    assert.equal(await view().getByTestId('count-all').getAttribute('data-count'), String(cli.handshakes.length));
  }

  it('a right-click on a folder of captures opens it as one capture', { timeout: STEP_MS }, async () => {
    await explorerRow(RING).click({ button: 'right' });
    await chooseOpenCaptureSet();
    await assertSetEditor();
    await workbench.shot('capture-set-folder-light');
  });

  it('a problem of the set in the Problems panel opens the set\'s editor', { timeout: STEP_MS }, async () => {
    // Another capture in front of the set's editor: the click must bring the set back, not open a text editor.
    await openFromExplorer(page, 'healthy.pcap');
    await pollUntil('healthy.pcap shown', 30_000, async () => (await view().getByTestId('capture-file').textContent().catch(() => null)) === 'healthy.pcap' || undefined);
    const cli = analyzeWithCli(join(workbench.workspace, RING));
    assert.ok(cli.problems.length > 0, 'the set has problems');
    assert.deepEqual(await problemsOf(page, RING, cli.problems), cli.problems);
    await page.locator('.markers-panel .monaco-list-row', { hasText: cli.problems[0].replace(/^\w+: /, '') }).first().click();
    await pollUntil('the set\'s editor shown again', 30_000, async () => (await view().getByTestId('capture-file').textContent().catch(() => null)) === RING || undefined);
    assert.equal(await page.locator('.part.editor .monaco-editor .view-lines').count(), 0, 'no text editor opened for the set');
  });

  it('ring files selected together with Shift+click open as one capture', { timeout: STEP_MS }, async () => {
    await closeAllEditors(page);
    // The folder opens in the explorer with a click; its files are then rows below it.
    await explorerRow(RING).click();
    await explorerRow(files[0]).click();
    await explorerRow(files[files.length - 1]).click({ modifiers: ['Shift'] });
    await explorerRow(files[files.length - 1]).click({ button: 'right' });
    await chooseOpenCaptureSet();
    // The click on the first file opened it in a preview tab: the set's editor replaces it as the one shown.
    await pollUntil('the set\'s editor shown', 30_000, async () => (await view().getByTestId('capture-file').textContent().catch(() => null)) === RING || undefined);
    await assertSetEditor();
  });
});
