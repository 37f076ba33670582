// End to end, as a person sees it: the packaged .vsix installed into a fresh code-server, the workbench
// driven in Debian's chromium. Double-click a capture, correlate the story pair from the palette, hover,
// read the Problems panel, fix sysctl.conf with the quick fix, and open a capture whose strings are
// HTML/script payloads. Each step leaves a screenshot in test-results/e2e/, in the light and the dark
// theme. Every wait is an element state or a bounded poll.
import * as assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConsoleMessage, Page } from 'playwright-core';
import { INJECTION_PAYLOADS } from '../../tools/fuzz/makeInjectionCapture.js';
import { pollUntil } from '../../tools/vscode/poll.js';
import { activeWebview, closeAllEditors, openFromExplorer, pickQuickInputItem, runCommand, waitForCommand } from '../../tools/vscode/workbench.js';
import { assertCaptureStringsShownLiterally } from '../webview/captureStrings.js';
import { CORRELATE, progressDone, startWorkbench, type Workbench } from './steps.js';

const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' } as const;
/** HANDSHAKE_LENS_E2E_THEMES=dark runs one theme only, while working on a step. */
const themes = (process.env.HANDSHAKE_LENS_E2E_THEMES ?? 'light,dark').split(',') as (keyof typeof THEMES)[];
const STEP_MS = 120_000;
/** A file name that runs a script if it ever reaches innerHTML. */
const HOSTILE_FILE_NAME = '<img src=x onerror=document.body.dataset.pwned=1>.pcapng';

/** Monaco draws spaces as no-break spaces. */
const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');

for (const theme of themes) {
  const colorTheme = THEMES[theme];
  describe(`Handshake Lens in code-server and chromium (${theme} theme)`, () => {
    let workbench: Workbench;
    let page: Page;
    const dialogs: string[] = [];
    const webviewErrors: string[] = [];

    const shot = (step: string) => workbench.shot(`${step}-${theme}`);

    before(async () => {
      workbench = await startWorkbench({ settings: { 'workbench.colorTheme': colorTheme }, colorScheme: theme });
      page = workbench.page;
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      // Errors logged by the capture editor's frames: a payload that ran, or a blocked script or style.
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error' && /webview|fake\.html|index\.html\?id=/.test(message.location().url)) webviewErrors.push(`${message.text()} (${message.location().url})`);
      });
      // The workbench renders before the extension host registers the custom editor.
      await waitForCommand(page, CORRELATE, 60_000);
    });

    after(async () => {
      await workbench?.close();
    });

    it('double-clicking a capture shows the table, its PASS/FAIL column, the counts and the diagnosis cards', { timeout: STEP_MS }, async () => {
      await openFromExplorer(page, 'refused-and-unanswered.pcap');
      const view = activeWebview(page);
      await view.locator('[data-testid="capture-editor"][data-state="ready"]').waitFor();
      await view.locator('[data-testid="handshake-row"]').first().waitFor();
      assert.equal(await view.getByTestId('capture-file').textContent(), 'refused-and-unanswered.pcap');
      const passed = Number(await view.getByTestId('count-pass').getAttribute('data-count'));
      const failed = Number(await view.getByTestId('count-fail').getAttribute('data-count'));
      assert.ok(passed > 0 && failed > 0, `passed ${passed}, failed ${failed}`);
      const badges = await view.getByTestId('verdict-badge').allTextContents();
      assert.ok(badges.some((text) => text.trim() === 'PASS'), `a PASS badge among ${badges}`);
      assert.ok(badges.some((text) => text.trim() === 'FAIL'), `a FAIL badge among ${badges}`);
      const codes = await view.getByTestId('diagnosis-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-code')));
      assert.deepEqual(codes.sort(), ['refused', 'slow-connect', 'unlocated']);
      await progressDone(page);
      await shot('01-capture-editor');
    });

    it('"Correlate captures" from the palette shows the PAWS card, the cause chips and the TSval chart', { timeout: STEP_MS }, async () => {
      await closeAllEditors(page);
      await runCommand(page, CORRELATE);
      for (const capture of ['story-client.pcap', 'story-server.pcap']) await pickQuickInputItem(page, capture);
      const view = activeWebview(page);
      await view.locator('[data-testid="correlation"][data-correlated="true"]').waitFor();
      await view.locator('[data-testid="handshake-row"]').first().waitFor();
      assert.equal(await view.getByTestId('server-capture-file').textContent(), 'story-server.pcap');
      assert.equal(await view.getByTestId('count-fail').getAttribute('data-count'), '20');
      const paws = view.locator('[data-testid="diagnosis-card"][data-code="paws-tw-recycle"]');
      await paws.waitFor();
      assert.equal(await paws.getAttribute('data-severity'), 'error');
      assert.match(await paws.getByTestId('diagnosis-title').textContent() ?? '', /dropped 20 connection attempts.*tcp_tw_recycle/);
      const chips = view.locator('[data-testid="handshake-row"][data-verdict="fail"] [data-testid="cause-chip"]');
      assert.ok(await chips.count() > 0, 'failed rows carry a cause chip');
      assert.equal(await chips.first().getAttribute('data-cause'), 'paws-tw-recycle');
      const chart = view.getByTestId('tsval-chart');
      await chart.locator('canvas').waitFor();
      assert.ok(Number(await chart.getAttribute('data-series')) >= 2, 'one series per inferred clock');
      assert.ok(Number(await chart.getAttribute('data-dropped')) > 0, 'dropped SYNs are marked');
      await progressDone(page);
      await shot('02-correlated');

      await chart.scrollIntoViewIfNeeded();
      await chips.first().hover();
      assert.match(await chips.first().getAttribute('title') ?? '', /tcp_tw_recycle/);
      await shot('03-chart-and-table');
      await view.locator('[data-testid="handshake-row"][data-verdict="fail"]').first().click();
      const ladder = view.locator('[data-testid="detail-pane"]:not([data-loading]) [data-testid="ladder"]');
      await ladder.waitFor();
      await ladder.scrollIntoViewIfNeeded();
      await shot('04-ladder');
    });

    it('the Problems panel lists the diagnoses', { timeout: STEP_MS }, async () => {
      await runCommand(page, 'Focus Problems (Errors, Warnings, Infos)');
      const problems = page.locator('.markers-panel .monaco-list-row');
      await problems.filter({ hasText: 'tcp_tw_recycle' }).first().waitFor();
      const rows = await problems.allInnerTexts();
      assert.ok(rows.some((row) => row.includes('story-client.pcap')), `story-client.pcap among ${rows.join(' | ')}`);
      await shot('05-problems');
    });

    it('sysctl.conf: tcp_tw_recycle = 1 is explained on hover and fixed by the quick fix', { timeout: STEP_MS }, async () => {
      await closeAllEditors(page);
      await openFromExplorer(page, 'sysctl.conf');
      const line = page.locator('.monaco-editor .view-line', { hasText: 'net.ipv4.tcp_tw_recycle' });
      await line.waitFor();
      await page.locator('.monaco-editor .squiggly-error').first().waitFor();
      const key = line.locator('span span', { hasText: 'tcp_tw_recycle' }).first();
      await key.hover();
      const hover = page.locator('.monaco-hover:visible .monaco-hover-content').first();
      await hover.waitFor();
      assert.match(await hover.innerText(), /NAT|PAWS/);
      await shot('06-sysctl-hover');

      await page.keyboard.press('Escape');
      await key.click();
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row[aria-label="Set net.ipv4.tcp_tw_recycle to 0"]');
      await fix.waitFor();
      // The menu blocks the pointer until the mouse moves; choose with the keyboard, as people do.
      await pollUntil('the quick fix focused in the menu', 5_000, async () => {
        if (await fix.evaluate((row) => row.classList.contains('focused'))) return true;
        await page.keyboard.press('ArrowDown');
        return undefined;
      });
      await shot('07-sysctl-quick-fix');
      await page.keyboard.press('Enter');
      await pollUntil('the quick fix applied', 10_000, async () =>
        plain(await line.textContent()).includes('net.ipv4.tcp_tw_recycle = 0') || undefined);
      await page.locator('.monaco-editor .view-line', { hasText: 'net.ipv4.tcp_tw_recycle = 1' }).waitFor({ state: 'detached' }).catch(() => undefined);
      assert.equal(plain(await line.textContent()).trim(), 'net.ipv4.tcp_tw_recycle = 0');
      await shot('08-sysctl-fixed');
      await runCommand(page, 'File: Save');
    });

    it('a capture full of HTML and script payloads, under a file name that is one, runs nothing and shows its strings as text', { timeout: STEP_MS }, async () => {
      // The hostile capture's strings are pcapng options, and its file name is one more payload.
      copyFileSync(join(workbench.workspace, 'injection.pcapng'), join(workbench.workspace, HOSTILE_FILE_NAME));
      await closeAllEditors(page);
      await openFromExplorer(page, HOSTILE_FILE_NAME);
      const view = activeWebview(page);
      await view.locator('[data-testid="capture-editor"][data-state="ready"]').waitFor();
      await view.locator('[data-testid="handshake-row"]').first().waitFor();
      // The file's own strings (comments, OS, application, hardware, interface name and description) are in
      // the header's "Capture details": each shown whole, as the text of its own element.
      const details = view.getByTestId('capture-details');
      await assertCaptureStringsShownLiterally(details);
      await details.getByTestId('interface-name').hover();

      const marked = await Promise.all(page.frames().map((frame) =>
        frame.evaluate(() => document.querySelector('[data-pwned]')?.outerHTML.slice(0, 200) ?? null).catch(() => null)));
      assert.deepEqual(marked.filter(Boolean), [], 'no document carries data-pwned');
      assert.deepEqual(dialogs, [], 'no alert, confirm or prompt');
      assert.deepEqual(webviewErrors, [], 'no error in the capture editor\'s frames');
      assert.equal(await view.getByTestId('capture-file').textContent(), HOSTILE_FILE_NAME, 'the file name shown literally');
      // No payload became markup: the editor's content holds only the elements it makes (VS Code adds its own style and script outside).
      const markup = await view.locator('#app').locator('img, iframe, svg:not([data-testid="ladder"]), style, b, a[href^="javascript:"], script')
        .evaluateAll((nodes) => nodes.map((node) => node.outerHTML.slice(0, 200)));
      assert.deepEqual(markup, [], 'no element made from a payload');
      // Whatever capture text the page shows, it shows whole: once the whole payloads are taken out, no
      // payload's beginning is left (several begin alike, so each is looked for after all are removed).
      const payloads = [HOSTILE_FILE_NAME, ...Object.values(INJECTION_PAYLOADS)];
      const rest = payloads.reduce((text, payload) => text.split(payload).join(''), await view.locator('body').innerText());
      for (const payload of payloads) assert.ok(!rest.includes(payload.slice(0, 12)), `no half-rendered payload: ${payload}`);
      await progressDone(page);
      await shot('09-injection');
    });

    it('the capture editor\'s Content Security Policy allows no inline code, no eval and no remote origin', { timeout: STEP_MS }, async () => {
      const policy = await activeWebview(page).locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.ok(policy, 'the page has a CSP meta element');
      assert.match(policy, /default-src 'none'/);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|unsafe-hashes/);
      assert.match(policy, /script-src 'nonce-[^']+'(;|$)/, 'scripts only by nonce');
      const origins = [...policy.matchAll(/(?:https?|wss?):\/\/[^\s;]+/g)].map((match) => match[0]);
      const remote = origins.filter((origin) => !isWebviewResourceOrigin(origin, workbench.server.url));
      assert.deepEqual(remote, [], `no remote origin in ${policy}`);
    });
  });
}

/** The origins VS Code puts in webview.cspSource: its own resource host, or code-server itself. */
function isWebviewResourceOrigin(origin: string, serverUrl: string): boolean {
  const host = new URL(origin.replace('*.', 'wildcard.')).hostname;
  return origin.startsWith(serverUrl.replace(/\/$/, '')) || /(^|\.)vscode-cdn\.net$/.test(host) || /(^|\.)vscode-resource\.vscode-cdn\.net$/.test(host);
}
