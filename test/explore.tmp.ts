import { readFileSync } from 'node:fs';
import { analyzeCaptureSync } from '/work/wt-real/src/analyzer/analyze.js';
import { MemorySource } from '/work/wt-real/src/analyzer/capture/memorySource.js';
import { correlateCaptures } from '/work/wt-real/src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '/work/wt-real/src/analyzer/diagnosis/diagnoseSingle.js';
const [dir, clientFile, serverFile] = process.argv.slice(2);
const load = (f: string) => analyzeCaptureSync(new MemorySource(readFileSync(`${dir}/${f}`)), f);
const client = load(clientFile);
const server = serverFile ? load(serverFile) : null;
const r = server ? correlateCaptures(client, server, 'en') : diagnoseSingle(client, 'single', 'en');
for (const a of client.handshakes) console.log(a.id, `${a.client.address}:${a.client.port}`, a.server.port, a.isn, a.syns.length, a.synAck?.count ?? 0, a.rst?.from ?? '-', a.verdict, a.outcome, a.cause, a.confidence, a.vantage);
console.log(r.diagnoses.map((d) => `${d.code}:${d.confidence ?? ''}:${d.handshakeIds.length}`).join(' '));
if ('offset' in r) console.log('offset', JSON.stringify((r as any).offset), 'paws', (r as any).paws?.consistency);
if (server) { for (const a of server.handshakes) console.log('  S', a.id, a.client.port, a.verdict, a.outcome, a.cause, a.confidence); }
