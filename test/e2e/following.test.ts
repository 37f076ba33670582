// A capture still being written into the workspace, opened in the capture editor in code-server and
// chromium: while a writer appends attempts to it, the editor shows the "Following" badge and the table
// gains rows; Pause ends the capture there and shows its overview with Resume. Correlated with a server
// capture being written too, the pair's causes come while both grow. The records come from the project's
// pcap writer and the story's sample captures. Every wait is an element state or a bounded poll.
import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FrameLocator, Page } from 'playwright-core';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { pollUntil } from '../../tools/vscode/poll.js';
import { activeWebview, closeAllEditors, openFromExplorer, pickQuickInputItem, runCommand } from '../../tools/vscode/workbench.js';
import { pcapOf } from '../unit/captureFile.js';
import { pcapRecords } from '../unit/captureRing.js';
import { Conversation, type Step } from '../unit/handshakeScript.js';
import { CORRELATE, startWorkbench, type Workbench } from './steps.js';

const LIVE = 'live.pcap';
const LIVE_CLIENT = 'live-client.pcap';
const LIVE_SERVER = 'live-server.pcap';
/** The story's captures, each written into the workspace as tcpdump -U would write it. */
const STORY = ['client', 'server'].map((side) => {
  const sample = new Uint8Array(readFileSync(join(__dirname, '../..', `samples/story-${side}.pcap`)));
  return { name: side === 'client' ? LIVE_CLIENT : LIVE_SERVER, header: sample.subarray(0, 24), records: pcapRecords(sample) };
});
/** Of the story's records, those written before the editor opens. */
const STORY_FIRST = 60;
/** The writer's pace and its bound: an attempt every quarter of a second, for at most a minute. */
const WRITE_EVERY_MS = 250;
const MAX_WRITES = 240;

const start = Math.floor(Date.now() / 1000);
let nextPort = 40000;

/** A handshake the server greets: decided (established) by its last record. */
function greeted(at: number): Step[] {
  const c = new Conversation(`10.244.1.7:${nextPort++}`, '192.168.11.250:3306');
  return [c.syn(at, 1), c.synAck(at + 0.001, 9, 1), c.ack(at + 0.002, 1, 9), c.fromServer(at + 0.003, TcpFlag.ACK | TcpFlag.PSH, 10, 2, { data: 20 })];
}

describe('a capture being written, in the capture editor in code-server', () => {
  let workbench: Workbench;
  let page: Page;
  let path: string;
  const view = (): FrameLocator => activeWebview(page);
  const rows = () => view().locator('[data-testid="handshake-row"]');
  /** The rows the table holds in all (it draws only those in view). */
  const rowTotal = async () => Number(await view().getByTestId('row-total').getAttribute('data-total'));
  const append = (steps: Step[]) => {
    for (const record of pcapRecords(pcapOf(steps))) appendFileSync(path, record);
  };

  before(async () => {
    workbench = await startWorkbench({
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
      prepare: (workspace) => {
        writeFileSync(join(workspace, LIVE), pcapOf(greeted(start)));
        for (const side of STORY) writeFileSync(join(workspace, side.name), Buffer.concat([side.header, ...side.records.slice(0, STORY_FIRST)]));
      },
    });
    page = workbench.page;
    path = join(workbench.workspace, LIVE);
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows Following while rows are appended, and Pause shows the overview of what was written', { timeout: 180_000 }, async () => {
    // The writer, as tcpdump -U is: a record now and then, from before the editor opens.
    let writing = true;
    let written = 1;
    const writer = (async () => {
      for (let write = 0; writing && write < MAX_WRITES; write++) {
        append(greeted(start + written));
        written++;
        await sleep(WRITE_EVERY_MS);
      }
    })();
    try {
      await openFromExplorer(page, LIVE);
      await view().getByTestId('following-badge').waitFor({ timeout: 60_000 });
      await rows().first().waitFor();
      const first = await rowTotal();
      await pollUntil('more rows as the file grows', 10_000, async () => (await rowTotal()) > first || undefined);
    } finally {
      writing = false;
      await writer;
    }
    await pollUntil(`all ${written} attempts shown`, 10_000, async () => (await rowTotal()) === written || undefined);
    await workbench.shot('following');

    // One more attempt, refused: it comes as a failed row.
    const refused = new Conversation('10.244.1.8:41000', '192.168.11.250:3306');
    append([refused.syn(start + written, 2), refused.refuse(start + written + 0.001, 2)]);
    written++;
    await pollUntil('the refused attempt', 10_000, async () => (await rowTotal()) === written || undefined);
    await view().getByTestId('filter-failed').check();
    await pollUntil('the failed row alone', 10_000, async () => (await rowTotal()) === 1 || undefined);
    assert.equal(await rows().first().getAttribute('data-id'), String(written));
    assert.match((await rows().first().textContent()) ?? '', /FAIL/);

    await view().getByTestId('pause-following').click();
    await view().locator('[data-testid="capture-editor"][data-state="ready"]').waitFor({ timeout: 30_000 });
    await view().getByTestId('follow-paused').waitFor();
    // The overview keeps the table's filter: the failed row, now with its cause; all rows without it.
    await pollUntil('the failed row in the overview', 10_000, async () => (await rowTotal()) === 1 || undefined);
    await view().getByTestId('filter-failed').uncheck();
    await pollUntil(`all ${written} attempts in the overview`, 10_000, async () => (await rowTotal()) === written || undefined);
    assert.equal(await view().getByTestId('following-badge').count(), 0);
    await workbench.shot('following-paused');
  });

  it('correlated with a server capture also being written, the pair\'s causes come while both are followed', { timeout: 180_000 }, async () => {
    await closeAllEditors(page);
    // Both writers go on, a record of each every 80 ms, while the client capture is opened and correlated.
    let next = STORY_FIRST;
    const total = Math.max(...STORY.map((side) => side.records.length));
    const writer = (async () => {
      for (; next < total; next++) {
        for (const side of STORY) if (next < side.records.length) appendFileSync(join(workbench.workspace, side.name), side.records[next]);
        await sleep(80);
      }
    })();
    try {
      await openFromExplorer(page, LIVE_CLIENT);
      await view().getByTestId('following-badge').waitFor({ timeout: 60_000 });
      await page.keyboard.press('Escape');
      await runCommand(page, CORRELATE, 30_000, true);
      await pickQuickInputItem(page, LIVE_CLIENT);
      await pickQuickInputItem(page, LIVE_SERVER);
      await view().locator('[data-testid="correlation"][data-correlated="true"]').waitFor({ timeout: 60_000 });
      assert.equal(await view().getByTestId('following-badge').count(), 1, 'the correlated capture is still followed');
      assert.ok(next < total, 'correlated while both captures were still written');
    } finally {
      await writer;
    }
    // Once both are whole, the pair correlated again blames PAWS with the server capture's evidence.
    const paws = view().locator('[data-testid="diagnosis-card"][data-code="paws-tw-recycle"][data-confidence="high"]');
    await paws.waitFor({ timeout: 60_000 });
    assert.equal(await view().getByTestId('following-badge').count(), 1);
    await workbench.shot('following-correlated');
    await view().getByTestId('pause-following').click();
    await view().locator('[data-testid="capture-editor"][data-state="ready"]').waitFor({ timeout: 30_000 });
    await pollUntil('the pair on the final analyses', 30_000, async () => (await view().getByTestId('following-badge').count()) === 0 || undefined);
    await view().locator('[data-testid="correlation"][data-correlated="true"]').waitFor({ timeout: 30_000 });
    await paws.waitFor({ timeout: 30_000 });
  });
});
