// A capture still being written into the workspace, opened in the capture editor in code-server and
// chromium: while a writer appends attempts to it, the editor shows the "Following" badge and the table
// gains rows; Pause ends the capture there and shows its overview with Resume. The records come from the
// project's pcap writer. Every wait is an element state or a bounded poll.
import * as assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FrameLocator, Page } from 'playwright-core';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { pollUntil } from '../../tools/vscode/poll.js';
import { activeWebview, openFromExplorer } from '../../tools/vscode/workbench.js';
import { pcapOf } from '../unit/captureFile.js';
import { pcapRecords } from '../unit/captureRing.js';
import { Conversation, type Step } from '../unit/handshakeScript.js';
import { startWorkbench, type Workbench } from './steps.js';

const LIVE = 'live.pcap';
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
      prepare: (workspace) => writeFileSync(join(workspace, LIVE), pcapOf(greeted(start))),
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
});
