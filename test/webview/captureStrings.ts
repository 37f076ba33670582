/**
 * The check both browser tests make on the hostile capture's "Capture details": every string option of
 * the file appears whole, as the text of its own element, in the harness's page and in code-server's.
 */
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { INJECTION_PAYLOADS } from '../../tools/fuzz/makeInjectionCapture.js';

export async function assertCaptureStringsShownLiterally(details: Locator): Promise<void> {
  await details.locator('summary').click();
  const p = INJECTION_PAYLOADS;
  const comments = await details.getByTestId('capture-comment').allTextContents();
  for (const payload of [p.sectionComment, p.hardware, p.os, p.application, p.interfaceComment, p.packetComment, p.packetCommentClose]) {
    assert.ok(comments.includes(payload), `${payload} shown literally among ${JSON.stringify(comments)}`);
  }
  assert.equal(await details.locator('[data-kind="os"] [data-testid="capture-comment"]').textContent(), p.os);
  assert.equal(await details.getByTestId('interface-name').textContent(), p.interfaceName);
  assert.equal(await details.getByTestId('interface-description').textContent(), p.interfaceDescription);
}
