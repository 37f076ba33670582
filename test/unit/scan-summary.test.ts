/**
 * A scan reaches thousands to millions of servers: the summary counts them all but lists the first
 * SUMMARY_SERVERS, and the terminal's lists (failing servers, a diagnosis's handshakes) stop after
 * TEXT_LIST_LIMIT items with a count of the rest, where they once ran to millions of lines and ids.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { SUMMARY_SERVERS } from '../../src/analyzer/handshakes/summary.js';
import { TEXT_LIST_LIMIT } from '../../src/cli/reportText.js';
import { pcapOf } from './captureFile.js';
import { runCli } from './cliRun.js';
import { Conversation, type Step } from './handshakeScript.js';

const START = 1_700_000_000;
const SERVERS = 3_000;

/** One client's SYN to each of 3,000 servers, none answered; then a last SYN 200 s on, so that all of them have failed. */
function scan(): Uint8Array {
  const steps: Step[] = [];
  for (let i = 0; i < SERVERS; i++) steps.push(new Conversation('10.0.0.1:40000', `192.168.${i >> 8}.${i & 255}:${1 + (i % 7)}`).syn(START + i / 1000, 1000 + i));
  steps.push(new Conversation('10.0.0.2:40000', '192.168.200.1:80').syn(START + 200, 7));
  return pcapOf(steps);
}

test('the summary of a scan counts every server and lists the first 1,000, the most failures first', () => {
  const { summary } = analyzeCaptureSync(new MemorySource(scan()), 'scan.pcap');
  assert.equal(summary.servers, SERVERS + 1);
  assert.equal(summary.serversWithFailures, SERVERS);
  assert.equal(summary.perServer.length, SUMMARY_SERVERS);
  assert.ok(summary.perServer.every((rate) => rate.failed === 1), 'the failing servers before the one still open');
});

test('the terminal lists the first 20 failing servers and handshakes of a scan, and counts the rest', () => {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-scan-'));
  try {
    const path = join(directory, 'scan.pcap');
    writeFileSync(path, scan());
    const { status, stdout, stderr } = runCli(['analyze', path, '--failed']);
    assert.equal(status, 0, stderr);
    const lines = stdout.split('\n');
    const heading = lines.indexOf('failures by server:');
    assert.ok(heading > 0, stdout.slice(-2000));
    assert.equal(lines.slice(heading + 1, heading + 1 + TEXT_LIST_LIMIT).filter((line) => /^ {2}192\.168\.\d+\.\d+:\d+ {2}1\/1 \(100\.0%\)$/.test(line)).length, TEXT_LIST_LIMIT);
    assert.equal(lines[heading + 1 + TEXT_LIST_LIMIT], `  … and 2,980 more servers with failures`);
    const diagnosis = lines.find((line) => line.includes('; handshakes 1, 2, 3,'));
    assert.ok(diagnosis, 'a diagnosis with its handshakes');
    assert.match(diagnosis!, /; handshakes 1, 2, 3, [\d, ]*20 and 2,980 more\)$/);
    const json = JSON.parse(runCli(['analyze', path, '--format', 'json']).stdout);
    assert.equal(json.captures[0].summary.servers, SERVERS + 1);
    assert.equal(json.captures[0].summary.perServer.length, SUMMARY_SERVERS);
    assert.equal(json.handshakes.length, SERVERS + 1, 'every attempt a row');
    const unlocated = json.diagnoses.find((diagnosis: { code: string }) => diagnosis.code === 'unlocated');
    assert.equal(unlocated.title, '3,000 connection attempts to 192.168.0.0:1, 192.168.0.1:2, 192.168.0.2:3 and 2,997 other servers got no answer; where they were lost is unknown');
    assert.equal(unlocated.evidence[0].values.serverCount, SERVERS);
    assert.equal(unlocated.evidence[0].values.servers.split(' ').length, 1_000);
    const chinese = JSON.parse(runCli(['analyze', path, '--format', 'json', '--lang', 'zh-cn']).stdout);
    assert.match(chinese.diagnoses.find((diagnosis: { code: string }) => diagnosis.code === 'unlocated').title, /192\.168\.0\.0:1、192\.168\.0\.1:2、192\.168\.0\.2:3 等 3,000 个服务器/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
