// The capture editor inside code-server with handshakeLens.explanationLanguage = zh-cn: the correlated
// story pair, a failed row's ladder and the breakdown open, and no English word left in the editor
// beyond protocol terms, addresses and codes (the allow-list of test/webview/englishLeft.ts). The
// workbench around it stays in English: code-server has no Chinese language pack without the
// marketplace. The screenshot (1280 × 800) is test-results/e2e/e2e-zh-cn.png.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { activeWebview, pickQuickInputItem, runCommand, waitForCommand } from '../../tools/vscode/workbench.js';
import { editorProse, englishWordsLeft } from '../webview/englishLeft.js';
import { CORRELATE, progressDone, startWorkbench, type Workbench } from './steps.js';

describe('the capture editor in Simplified Chinese in code-server', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await startWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern', 'handshakeLens.explanationLanguage': 'zh-cn' } });
    await waitForCommand(workbench.page, CORRELATE, 60_000);
  });

  after(async () => {
    await workbench?.close();
  });

  it('the correlated story pair, its ladder and its breakdown show no English sentence', { timeout: 120_000 }, async () => {
    const { page } = workbench;
    await runCommand(page, CORRELATE, 30_000, true);
    await pickQuickInputItem(page, 'story-client.pcap');
    await pickQuickInputItem(page, 'story-server.pcap');
    const view = activeWebview(page);
    await view.locator('[data-testid="correlation"][data-correlated="true"]').waitFor();
    await view.locator('[data-testid="handshake-row"][data-verdict="fail"]').first().click();
    await view.locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]').waitFor();
    await view.getByTestId('breakdown').locator('summary').click();
    await view.locator('[data-testid="breakdown-row"]').first().waitFor();
    // Chinese is there, so a page that failed to render is not taken for one without English.
    const prose = await view.locator('#app').evaluate(editorProse);
    const han = prose.match(/[\u4e00-\u9fff]/gu)?.length ?? 0;
    assert.ok(han > 500, `the page speaks Chinese (${han} Chinese characters)`);
    const left = englishWordsLeft(prose);
    assert.deepEqual(left, [], `English left in the editor:\n${left.join(' ')}`);
    await progressDone(page);
    await workbench.shot('e2e-zh-cn');
  });
});
