import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { AnalyzeCaptureRequest } from '../../src/shared/lspExtensions.js';
import { INJECTION_CAPTURE_PATH, INJECTION_PAYLOADS, injectionCapture } from '../../tools/fuzz/makeInjectionCapture.js';
import { ServerClient } from './serverClient.js';

test('the committed injection capture is exactly what its script writes', () => {
  assert.deepEqual(new Uint8Array(readFileSync(INJECTION_CAPTURE_PATH)), injectionCapture());
});

test('the analyzer hands every payload on as the literal text of its field, and the table has rows', () => {
  const analysis = analyzeCaptureSync(new MemorySource(readFileSync(INJECTION_CAPTURE_PATH)), 'injection.pcapng');
  const p = INJECTION_PAYLOADS;
  assert.deepEqual(analysis.info.comments, [
    p.sectionComment, `hardware: ${p.hardware}`, `os: ${p.os}`, `application: ${p.application}`,
    p.interfaceComment, p.packetComment, p.packetCommentClose,
  ]);
  assert.equal(analysis.info.interfaces[0].name, p.interfaceName);
  assert.equal(analysis.info.interfaces[0].description, p.interfaceDescription);
  assert.deepEqual(analysis.handshakes.map((h) => h.verdict), ['pass', 'pass']);
  assert.deepEqual(analysis.warnings, []);
});

test('the language server\'s overview carries every string option as text, labelled by kind', { timeout: 30_000 }, async () => {
  const lsp = await ServerClient.start();
  try {
    const overview = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: pathToFileURL(resolve(INJECTION_CAPTURE_PATH)).toString() });
    const p = INJECTION_PAYLOADS;
    assert.deepEqual(overview.details.comments, [
      { kind: 'comment', text: p.sectionComment }, { kind: 'hardware', text: p.hardware }, { kind: 'os', text: p.os },
      { kind: 'application', text: p.application }, { kind: 'comment', text: p.interfaceComment },
      { kind: 'comment', text: p.packetComment }, { kind: 'comment', text: p.packetCommentClose },
    ]);
    assert.deepEqual(overview.details.interfaces, [{ name: p.interfaceName, description: p.interfaceDescription }]);
    assert.equal(overview.details.totalComments, 7);
    assert.equal(overview.details.totalInterfaces, 1);
  } finally {
    await lsp.stop();
  }
});
