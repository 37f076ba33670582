import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectArtifactLanguage } from '../../src/server/artifacts/index.js';

const firstLines = (name: string) => readFileSync(join(__dirname, '../fixtures/artifacts', name), 'utf8').split('\n').slice(0, 10);

test('by file name', () => {
  assert.equal(detectArtifactLanguage('/etc/sysctl.conf', []), 'sysctl');
  assert.equal(detectArtifactLanguage('/etc/sysctl.d/99-mysql.conf', []), 'sysctl');
  assert.equal(detectArtifactLanguage('C:\\cases\\server.sysctl', []), 'sysctl');
  assert.equal(detectArtifactLanguage('/tmp/db1.netstat', []), 'netstat');
  assert.equal(detectArtifactLanguage('/tmp/netstat-s-before.txt', []), 'netstat');
  assert.equal(detectArtifactLanguage('/tmp/nstat-after.txt', []), 'nstat');
  assert.equal(detectArtifactLanguage('/etc/nginx/nginx.conf', ['worker_processes auto;']), undefined);
});

test('by content, whatever the name', () => {
  assert.equal(detectArtifactLanguage('notes.txt', firstLines('netstat-s-3.10.txt')), 'netstat');
  assert.equal(detectArtifactLanguage('Untitled-1', firstLines('netstat-s-4.19.txt')), 'netstat');
  assert.equal(detectArtifactLanguage('notes.txt', firstLines('nstat-story-server.txt')), 'nstat');
  assert.equal(detectArtifactLanguage('snmp', 'Ip: Forwarding DefaultTTL InReceives\nIp: 1 64 4034457'), 'nstat');
  assert.equal(detectArtifactLanguage('sysctl-a.txt', 'abi.vsyscall32 = 1\nfs.file-max = 9223372036854775807\nnet.ipv4.tcp_tw_recycle = 1'), 'sysctl');
  assert.equal(detectArtifactLanguage('tuning.txt', '# the db host\n-net/ipv4/tcp_tw_recycle=0'), 'sysctl');
  assert.equal(detectArtifactLanguage('readme.txt', 'Hello\nIp is an address'), undefined);
  assert.equal(detectArtifactLanguage('', []), undefined);
});
