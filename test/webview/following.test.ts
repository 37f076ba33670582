/**
 * A capture still being written, in headless chromium against the real language server: records
 * appended to the file become rows while the page shows the "Following" badge (PENDING until decided,
 * then PASS or FAIL), Pause ends the capture there and shows its overview with Resume, and Resume
 * follows it again, rows written since included.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tools/vscode/browser.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { pcapOf } from '../unit/captureFile.js';
import { pcapRecords } from '../unit/captureRing.js';
import { Conversation, type Step } from '../unit/handshakeScript.js';
import { MAX_DECIDED_ROWS } from '../../src/analyzer/partialAnalysis.js';
import { writeStreamingCapture } from '../unit/streamingCapture.js';
import { WebviewHarness } from './webviewHarness.js';

let harness: WebviewHarness;
let browser: Browser;

before(async () => {
  [harness, browser] = await Promise.all([WebviewHarness.start(), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await harness?.stop();
});

const start = Math.floor(Date.now() / 1000);
let nextPort = 40000;

/** A handshake the server answers with a greeting: decided (established) by its last record. */
function greeted(at: number): Step[] {
  const c = new Conversation(`10.244.1.7:${nextPort++}`, '192.168.11.250:3306');
  return [c.syn(at, 1), c.synAck(at + 0.001, 9, 1), c.ack(at + 0.002, 1, 9), c.fromServer(at + 0.003, TcpFlag.ACK | TcpFlag.PSH, 10, 2, { data: 20 })];
}

function append(path: string, steps: Step[]): void {
  for (const record of pcapRecords(pcapOf(steps))) appendFileSync(path, record);
}

async function rowCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="handshake-row"]').length === n, count, { timeout: 5000 });
}

test('a growing capture shows Following, gains rows as they are written, and pauses and resumes', { timeout: 90_000 }, async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-following-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  const capture = join(directory, 'live.pcap');
  writeFileSync(capture, pcapOf(greeted(start)));
  const { page, problems, received } = await harness.open(browser, { capture });
  await sleep(200);
  append(capture, greeted(start + 1));
  await page.getByTestId('following-badge').waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('following-badge').textContent(), 'Following');
  assert.equal(await page.getByTestId('reading-percent').count(), 0, 'a growing file has no percentage to show');
  await rowCount(page, 2);

  const refused = new Conversation('10.244.1.8:41000', '192.168.11.250:3306');
  append(capture, [refused.syn(start + 2, 2), refused.refuse(start + 2.001, 2)]);
  await rowCount(page, 3);
  // New attempts come at the bottom: the table is in id order.
  const last = page.locator('[data-testid="handshake-row"]').last();
  assert.equal(await last.getAttribute('data-id'), '3');

  // A handshake whose server has not spoken yet: PENDING, then PASS once the server's greeting is written.
  const waiting = new Conversation('10.244.1.9:42000', '192.168.11.250:3306');
  append(capture, [waiting.syn(start + 2.5, 1), waiting.synAck(start + 2.501, 9, 1), waiting.ack(start + 2.502, 1, 9)]);
  const fourth = page.locator('[data-testid="handshake-row"][data-id="4"] [data-testid="verdict-badge"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="handshake-row"][data-id="4"] [data-testid="verdict-badge"]')?.getAttribute('data-verdict') === 'pending', undefined, { timeout: 5000 });
  assert.equal(await fourth.textContent(), 'PENDING');
  assert.match(await page.getByTestId('reading-counts').textContent() ?? '', /^3 attempts with a final verdict · 1 failed so far · 1 still open$/);
  append(capture, [waiting.fromServer(start + 2.6, TcpFlag.ACK | TcpFlag.PSH, 10, 2, { data: 20 })]);
  await page.waitForFunction(() => document.querySelector('[data-testid="handshake-row"][data-id="4"] [data-testid="verdict-badge"]')?.getAttribute('data-verdict') === 'pass', undefined, { timeout: 5000 });

  await page.getByTestId('pause-following').click();
  await page.locator('#app[data-state="ready"]').waitFor({ timeout: 10_000 });
  assert.ok(received.some((message) => message.type === 'pauseFollowing'));
  await page.getByTestId('follow-paused').waitFor();
  assert.equal(await page.getByTestId('following-badge').count(), 0);
  assert.equal(await page.getByTestId('row-total').getAttribute('data-total'), '4');

  // Written while paused: Resume reads the capture again and shows it, then follows on.
  append(capture, greeted(start + 3));
  await page.getByTestId('resume-following').click();
  await page.getByTestId('following-badge').waitFor({ timeout: 10_000 });
  await rowCount(page, 5);
  append(capture, greeted(start + 4));
  await rowCount(page, 6);
  await page.getByTestId('pause-following').click();
  await page.locator('#app[data-state="ready"]').waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('row-total').getAttribute('data-total'), '6');
  assert.deepEqual(problems, []);
});

test('while a capture is followed its diagnosis cards come and are brought up to date, the Following badge staying', { timeout: 90_000 }, async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-following-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  const sample = new Uint8Array(readFileSync('samples/story-client.pcap'));
  const records = pcapRecords(sample);
  const capture = join(directory, 'story-live.pcap');
  const third = Math.floor(records.length / 3);
  writeFileSync(capture, sample.subarray(0, 24));
  for (const record of records.slice(0, third)) appendFileSync(capture, record);
  const { page, problems } = await harness.open(browser, { capture });
  await sleep(200);
  for (const record of records.slice(third)) {
    appendFileSync(capture, record);
    await sleep(5);
  }
  await page.getByTestId('following-badge').waitFor({ timeout: 10_000 });
  const card = page.locator('[data-testid="live-overview"] [data-testid="diagnosis-card"][data-code="paws-tw-recycle"]');
  await card.waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('following-badge').count(), 1, 'still followed');
  assert.equal(await page.locator('#app').getAttribute('data-state'), 'reading');
  assert.equal(await page.locator('[data-testid="live-overview"] [data-testid="charts"]').count(), 1);
  await page.getByTestId('pause-following').click();
  await page.locator('#app[data-state="ready"]').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('[data-testid="diagnosis-card"][data-code="paws-tw-recycle"]').count(), 1);
  assert.deepEqual(problems, []);
});

test('past the first 100,000 decided attempts the reading line says how many of them the table holds', { timeout: 120_000 }, async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-following-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  const capture = join(directory, 'many.pcap');
  writeStreamingCapture(capture, MAX_DECIDED_ROWS + 10_000);
  const { page, problems } = await harness.open(browser, { capture });
  await sleep(200);
  // Growing: the read goes on at the end of the file, and the line above the table stays.
  append(capture, greeted(start));
  await page.getByTestId('following-badge').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => /100,000 of them in the table until the whole file is read$/.test(document.querySelector('[data-testid="reading-counts"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
  const counts = await page.getByTestId('reading-counts').textContent() ?? '';
  const decided = Number(/^([\d,]+) attempts with a final verdict/.exec(counts)?.[1]?.replace(/,/g, ''));
  assert.ok(decided > MAX_DECIDED_ROWS, counts);
  await page.getByTestId('pause-following').click();
  await page.locator('#app[data-state="ready"]').waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('row-total').getAttribute('data-total'), String(MAX_DECIDED_ROWS + 10_001), 'every attempt is a row once the capture ends');
  assert.deepEqual(problems, []);
});
