// The first double-click on a capture right after the window loads, before the workbench knows the
// capture editor: VS Code opens the file in its binary text editor ("Open Anyway"), and the extension
// (src/host/captureTabs.ts) must move the tab to the capture editor once it starts. The double-click is
// the very first action once the explorer shows, so the race is run as a person runs it; the end state
// is checked whichever way the race went: one tab, in the capture editor, no binary-file placeholder.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pollUntil } from '../../tools/vscode/poll.js';
import { activeWebview, openFromExplorer } from '../../tools/vscode/workbench.js';
import { progressDone, startWorkbench, type Workbench } from './steps.js';

describe('a capture double-clicked as soon as the window shows', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await startWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  });

  after(async () => {
    await workbench?.close();
  });

  it('opens in the capture editor, never left in the binary text editor', { timeout: 120_000 }, async () => {
    const { page } = workbench;
    await openFromExplorer(page, 'healthy.pcap');
    const placeholder = page.locator('.monaco-editor-pane-placeholder:visible');
    const view = activeWebview(page);
    // Whether the text editor showed first says which way the race went (for the log, not the verdict).
    const first = await pollUntil('an editor for the capture', 60_000, async () => {
      if (await placeholder.count()) return 'the binary text editor first';
      if (await view.locator('[data-testid="capture-editor"]').count()) return 'the capture editor at once';
      return undefined;
    }, 50);
    console.log(`healthy.pcap opened in ${first}`);
    await view.locator('[data-testid="capture-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    assert.equal(await view.getByTestId('capture-file').textContent(), 'healthy.pcap');
    const tabs = page.locator('.editor-group-container .tabs-container .tab');
    await pollUntil('one tab, the capture editor\'s', 10_000, async () => (await tabs.count()) === 1 || undefined);
    assert.match(await tabs.first().innerText(), /healthy\.pcap/);
    assert.equal(await placeholder.count(), 0, 'no "binary file" placeholder');
    await progressDone(page);
    await workbench.shot('e2e-first-open');
  });
});
