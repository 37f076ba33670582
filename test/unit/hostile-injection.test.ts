import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { INJECTION_CAPTURE_PATH, INJECTION_PAYLOADS, injectionCapture } from '../../tools/fuzz/makeInjectionCapture.js';

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
