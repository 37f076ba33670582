/** The commands the fixes suggest do what they say, run on a copy of the files they name. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHECK_TW_RECYCLE_FILES, PERSIST_TW_RECYCLE_OFF, commandsFor } from '../../src/analyzer/diagnosis/nextSteps.js';
import { textsFor } from '../../src/analyzer/explain/catalog.js';

test('the persistent tcp_tw_recycle fix rewrites the lines that set it where they are, and nothing else', () => {
  const root = mkdtempSync(join(tmpdir(), 'handshake-lens-sysctl-'));
  try {
    mkdirSync(join(root, 'etc/sysctl.d'), { recursive: true });
    // /etc/sysctl.conf is applied last on Debian and RHEL: its line is the one that wins at boot.
    writeFileSync(join(root, 'etc/sysctl.conf'), '# tuned for the database\nnet.ipv4.tcp_timestamps = 1\n  net.ipv4.tcp_tw_recycle = 1\nnet.ipv4.tcp_tw_reuse = 1\n');
    writeFileSync(join(root, 'etc/sysctl.d/10-net.conf'), 'net.ipv4.tcp_tw_recycle=1\nnet.core.somaxconn = 4096\n');
    writeFileSync(join(root, 'etc/sysctl.d/20-other.conf'), 'vm.swappiness = 10\n');
    const inRoot = (command: string) => command.replace(/ \/(etc|run|usr)\//g, ` ${root}/$1/`);
    execFileSync('bash', ['-c', inRoot(PERSIST_TW_RECYCLE_OFF)]);
    assert.equal(readFileSync(join(root, 'etc/sysctl.conf'), 'utf8'), '# tuned for the database\nnet.ipv4.tcp_timestamps = 1\nnet.ipv4.tcp_tw_recycle = 0\nnet.ipv4.tcp_tw_reuse = 1\n');
    assert.equal(readFileSync(join(root, 'etc/sysctl.d/10-net.conf'), 'utf8'), 'net.ipv4.tcp_tw_recycle = 0\nnet.core.somaxconn = 4096\n');
    assert.equal(readFileSync(join(root, 'etc/sysctl.d/20-other.conf'), 'utf8'), 'vm.swappiness = 10\n');
    // The check lists every line left, each now 0 (missing directories are only complained about).
    const listed = execFileSync('bash', ['-c', `${inRoot(CHECK_TW_RECYCLE_FILES)} 2>/dev/null || true`], { encoding: 'utf8' });
    assert.deepEqual(listed.trim().split('\n').map((line) => line.replace(`${root}/`, '/')).sort(), [
      '/etc/sysctl.conf:3:net.ipv4.tcp_tw_recycle = 0',
      '/etc/sysctl.d/10-net.conf:1:net.ipv4.tcp_tw_recycle = 0',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the PAWS fix names no new sysctl.d file and says why, in both languages', () => {
  const commands = commandsFor('paws-tw-recycle', { clientAddress: '192.168.0.2', serverPort: 3306 });
  assert.ok(commands.includes(PERSIST_TW_RECYCLE_OFF) && commands.includes(CHECK_TW_RECYCLE_FILES));
  assert.ok(!commands.some((command) => /> \/etc\/sysctl\.d\//.test(command)), commands.join('\n'));
  assert.match(textsFor('en').pawsFix(false), /\/etc\/sysctl\.conf is applied after \/etc\/sysctl\.d\//);
  assert.match(textsFor('zh-cn').pawsFix(false), /\/etc\/sysctl\.conf 在 \/etc\/sysctl\.d\/ 之后加载/);
});

test('the capture suggested for the missing server side filters on the server port, which NAT keeps', () => {
  const [command] = commandsFor('unlocated', { clientAddress: '10.42.0.11', serverPort: 3306 });
  assert.equal(command, "tcpdump -i any -w server.pcap 'tcp port 3306'");
  assert.doesNotMatch(textsFor('en').locationFix('unlocated') ?? '', /--server/);
  assert.match(textsFor('en').locationFix('unlocated') ?? '', /server port/);
});
