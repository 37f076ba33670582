import { existsSync } from 'node:fs';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { FileSource } from '../../src/node/fileSource.js';
import { CaptureView } from '../../src/server/captureView.js';
import { HandshakeQuery } from '../../src/server/handshakeQuery.js';
import { writeSynOnlyCapture } from './synOnlyCapture.js';
const n = Number(process.argv[2] ?? 1_000_000);
const path = `/tmp/tkprof/syn-${n}.pcap`;
if (!existsSync(path)) writeSynOnlyCapture(path, n);
const source = new FileSource(path);
const analysis = analyzeCaptureSync(source, path, undefined, {});
const view = new CaptureView({ uri: 'file:///x', name: 'x', analysis }, 'single', [], new Map(), new Map(), 'client');
console.log('columns', view.columns !== null);
const q = [
  ['time desc', {}, { column: 'time', direction: 'desc' }],
  ['client asc', {}, { column: 'client', direction: 'asc' }],
  ['server desc', {}, { column: 'server', direction: 'desc' }],
  ['rtt', {}, { column: 'rtt', direction: 'asc' }],
  ['isn', {}, { column: 'isn', direction: 'asc' }],
  ['cause', {}, { column: 'cause', direction: 'asc' }],
  ['failed', { failedOnly: true }, { column: 'time', direction: 'asc' }],
  ['text', { text: '10.0.1' }, { column: 'time', direction: 'asc' }],
  ['expr', { expression: 'syns >= 1 && isn > 2147483648' }, { column: 'client', direction: 'desc' }],
] as const;
for (const [name, filter, sort] of q) {
  const query = new HandshakeQuery();
  const t = performance.now();
  const page = query.page(view, 0, 200, filter as never, sort as never);
  console.log(name.padEnd(12), (performance.now() - t).toFixed(0).padStart(6), 'ms', page.total);
}
