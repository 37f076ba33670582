/** The evidence readers: conntrack -S, ss -lnt, the kind of a file by content, snapshots of one host as a difference. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readConntrackStats } from '../../src/analyzer/evidence/conntrackStats.js';
import { readSocketLines } from '../../src/analyzer/evidence/listenSockets.js';
import { isRejection, readEvidenceFile, splitHostPrefix, type EvidenceFile } from '../../src/analyzer/evidence/evidenceFile.js';
import { counterObservations } from '../../src/analyzer/evidence/counterObservations.js';

const CONNTRACK = [
  'cpu=0   \tfound=0 invalid=3 insert=0 insert_failed=2 drop=1 early_drop=0 error=0 search_restart=0',
  'cpu=1   \tfound=1 invalid=0 insert=0 insert_failed=5 drop=0 early_drop=0 error=0 search_restart=4',
].join('\n');

test('conntrack -S: per-CPU lines summed, the per-CPU values kept; a CPU seen again starts the next snapshot', () => {
  const [one, two] = readConntrackStats(`${CONNTRACK}\n${CONNTRACK.replace('insert_failed=2', 'insert_failed=9')}\n`);
  assert.equal(one.totals.get('insert_failed'), 7);
  assert.equal(one.totals.get('drop'), 1);
  assert.deepEqual(one.cpus.map((c) => c.fields.get('insert_failed')), [2, 5]);
  assert.equal(two.totals.get('insert_failed'), 14);
});

test('ss -lnt: Recv-Q and Send-Q of listeners, IPv4, IPv6, wildcard and -p forms', () => {
  const sockets = readSocketLines([
    'State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
    'LISTEN 2      1            0.0.0.0:3306       0.0.0.0:*     users:(("mysqld",pid=812,fd=21))',
    'LISTEN 0      128             [::]:22            [::]:*',
    'LISTEN 0      4096               *:8080             *:*',
    'LISTEN 0      50              :::3307           :::*',
    'LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*',
  ].join('\n'));
  assert.deepEqual(sockets.map((s) => [s.address, s.port, s.recvQ, s.sendQ]), [
    ['0.0.0.0', 3306, 2, 1], ['::', 22, 0, 128], ['*', 8080, 0, 4096], ['::', 3307, 0, 50], ['127.0.0.53', 53, 0, 4096],
  ]);
  assert.equal(sockets[0].process, 'users:(("mysqld",pid=812,fd=21))');
  assert.equal(sockets[1].process, null);
});

test('a file is recognised by content whatever its name; the name gives the host and the moment', () => {
  const read = readEvidenceFile('notes/srv1-before.txt', CONNTRACK) as EvidenceFile;
  assert.equal(read.kind, 'conntrack');
  assert.equal(read.host, 'server');
  assert.equal(read.moment, 'before');
  assert.deepEqual(splitHostPrefix('node=ct.txt'), { host: 'node', path: 'ct.txt' });
  assert.deepEqual(splitHostPrefix('a=b.txt'), { host: null, path: 'a=b.txt' });
  const headerOnly = readEvidenceFile('x.txt', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port\n', 'server');
  assert.ok(isRejection(headerOnly) && headerOnly.reason === 'nothing-read');
});

test('a file of random text is one rejection naming its first line', () => {
  const read = readEvidenceFile('random.txt', '\n  lorem ipsum dolor\nsit amet\n');
  assert.ok(isRejection(read));
  assert.deepEqual(read, { path: 'random.txt', reason: 'not-evidence', line: 2, text: 'lorem ipsum dolor' });
  const binary = readEvidenceFile('capture.pcap', '\u00d4\u00c3\u00b2\u00a1\u0002\u0000\u0004');
  assert.ok(isRejection(binary));
  assert.doesNotMatch(binary.text!, /[\u0000-\u001f]/);
});

function nstat(path: string, values: Record<string, number>): EvidenceFile {
  const text = ['#kernel', ...Object.entries(values).map(([name, value]) => `TcpExt${name}  ${value}  0.0`)].join('\n');
  return readEvidenceFile(path, text) as EvidenceFile;
}

test('two snapshots of one host are a difference, ordered by the moment their names say', () => {
  const after = nstat('nstat-server-after.txt', { ListenOverflows: 600, ListenDrops: 800, PAWSPassive: 0 });
  const before = nstat('nstat-server-before.txt', { ListenOverflows: 35, ListenDrops: 53, PAWSPassive: 0 });
  const observed = new Map(counterObservations([after, before]).map((o) => [o.name, o]));
  assert.equal(observed.get('ListenOverflows')!.value, 565);
  assert.equal(observed.get('ListenDrops')!.value, 747);
  assert.equal(observed.get('ListenOverflows')!.span, 'interval');
  assert.equal(observed.get('ListenOverflows')!.fromFile, 'nstat-server-before.txt');
});

test('a counter that went down is not a delta: it is marked, not subtracted', () => {
  const first = nstat('server-1.nstat', { ListenOverflows: 600, ListenDrops: 50 });
  const second = nstat('server-2.nstat', { ListenOverflows: 2, ListenDrops: 60 });
  const observed = new Map(counterObservations([first, second]).map((o) => [o.name, o]));
  assert.equal(observed.get('ListenOverflows')!.wentDown, true);
  assert.equal(observed.get('ListenOverflows')!.value, null);
  assert.deepEqual([observed.get('ListenOverflows')!.before, observed.get('ListenOverflows')!.after], [600, 2]);
  assert.equal(observed.get('ListenDrops')!.value, 10);
});

test('files of two hosts are never mixed; one file holding two readings is an interval of its own', () => {
  const server = nstat('nstat-server.txt', { ListenOverflows: 10 });
  const node = nstat('nstat-node.txt', { ListenOverflows: 500 });
  const observed = counterObservations([server, node]);
  assert.deepEqual(observed.filter((o) => o.name === 'ListenOverflows').map((o) => [o.host, o.value, o.span]), [['server', 10, 'nstat'], ['node', 500, 'nstat']]);
  const both = readEvidenceFile('server.nstat', '#kernel\nTcpExtListenDrops 5 0.0\n#kernel\nTcpExtListenDrops 9 0.0\n') as EvidenceFile;
  assert.deepEqual(counterObservations([both]).map((o) => [o.name, o.value, o.span]), [['ListenDrops', 4, 'interval']]);
});

test('netstat -s read once counts since boot; nstat -az lists zeros, so a TcpExt counter it lacks is absent from the kernel', () => {
  const netstat = readEvidenceFile('netstat-server.txt', 'TcpExt:\n    173495 SYNs to LISTEN sockets dropped\n') as EvidenceFile;
  assert.deepEqual(counterObservations([netstat]).map((o) => [o.name, o.value, o.span]), [['ListenDrops', 173495, 'since-boot']]);
  const modern = nstat('nstat-server.txt', { ListenOverflows: 0, ListenDrops: 0 });
  const paws = counterObservations([modern]).find((o) => o.name === 'PAWSPassive')!;
  assert.equal(paws.absent, true);
  assert.equal(paws.value, 0);
  const withoutZeros = nstat('nstat-server.txt', { ListenDrops: 4 });
  assert.equal(counterObservations([withoutZeros]).find((o) => o.name === 'PAWSPassive'), undefined);
});
