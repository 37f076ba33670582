/**
 * A capture set in the capture editor's webview, fed by the real language server: a ring cut from the
 * story with editcap at test time (or the project's rotation when editcap is missing), and two files ten
 * minutes apart. The header lists the set's files in time order with their packets, and a gap between
 * files is said to leave time not covered, not that the capture could not be read.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { captureSetUri } from '../../src/shared/captureSetUri.js';
import { ENGLISH_STRINGS } from '../../src/shared/webviewStrings.js';
import { launchChromium } from '../../tools/vscode/browser.js';
import { pcapOf } from '../unit/captureFile.js';
import { rotated } from '../unit/captureRing.js';
import { Conversation } from '../unit/handshakeScript.js';
import { WebviewHarness } from './webviewHarness.js';

const STORY = join(__dirname, '..', '..', 'samples', 'story-client.pcap');

/** The story as a ring of files of 40 packets each, as `editcap -c 40` writes them (named ring_00000_…). */
function storyRing(): { folder: string; files: string[] } {
  const folder = mkdtempSync(join(tmpdir(), 'handshake-lens-webview-ring-'));
  const editcap = spawnSync('editcap', ['-c', '40', STORY, join(folder, 'ring.pcap')], { encoding: 'utf8' });
  if (editcap.status !== 0) rotated(readFileSync(STORY), 6).forEach((file, index) => writeFileSync(join(folder, `ring.pcap${index}`), file));
  return { folder, files: readdirSync(folder).sort() };
}

describe('a capture set in the capture editor webview', () => {
  let harness: WebviewHarness;
  let browser: Browser;

  before(async () => {
    harness = await WebviewHarness.start();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  test('a folder\'s ring shows the whole story\'s counts and lists its files in time order', async () => {
    const { folder, files } = storyRing();
    assert.ok(files.length >= 3, files.join(', '));
    const { page, problems } = await harness.open(browser, { capture: captureSetUri(folder) });
    await page.locator('[data-testid="capture-editor"][data-state="ready"]').waitFor();
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    assert.equal(await page.getByTestId('capture-file').textContent(), folder.split('/').pop());
    // The story's figures, as the single file shows them (captureEditor.test.ts).
    assert.equal(await page.locator('[data-testid="count-fail"]').getAttribute('data-count'), '20');
    const listed = page.locator('[data-testid="set-file"]');
    assert.equal(await page.getByTestId('set-files').getAttribute('data-files'), String(files.length));
    assert.deepEqual(await page.getByTestId('set-file-name').allTextContents(), files);
    const packets = await listed.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-packets'))));
    const capinfos = spawnSync('capinfos', ['-c', '-M', STORY], { encoding: 'utf8' });
    const total = capinfos.status === 0 ? Number(/Number of packets:\s+(\d+)/.exec(capinfos.stdout)?.[1]) : null;
    if (total !== null) assert.equal(packets.reduce((sum, n) => sum + n, 0), total);
    assert.equal(await page.locator('[data-testid="warnings-banner"]').count(), 0, 'the ring\'s files follow on without a gap');
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('two files ten minutes apart: the gap is a warning about the set\'s coverage', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'handshake-lens-webview-gap-'));
    const T = 1_700_000_000;
    const handshake = (client: string, at: number) => {
      const c = new Conversation(client, '10.0.0.2:80');
      return [c.syn(at, 1000), c.synAck(at + 0.001, 5000, 1000), c.ack(at + 0.002, 1000, 5000)];
    };
    const first = join(folder, 'z-first.pcap');
    const second = join(folder, 'a-second.pcap');
    writeFileSync(first, pcapOf(handshake('10.0.0.1:40000', T)));
    writeFileSync(second, pcapOf(handshake('10.0.0.1:40001', T + 600)));
    const { page, problems } = await harness.open(browser, { capture: captureSetUri(folder, [second, first]) });
    await page.locator('[data-testid="handshake-row"]').first().waitFor();
    assert.deepEqual(await page.getByTestId('set-file-name').allTextContents(), ['z-first.pcap', 'a-second.pcap']);
    const banner = page.getByTestId('warnings-banner');
    assert.equal(await banner.locator('strong').textContent(), ENGLISH_STRINGS.setCoverage);
    assert.equal(await banner.locator('li[data-code="capture-gap"]').count(), 1);
    assert.match(await banner.locator('li[data-code="capture-gap"]').textContent() ?? '', /^599\.998 s between the last packet of .*z-first\.pcap/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
