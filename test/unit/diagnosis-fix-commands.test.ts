/** The commands the fixes suggest do what they say, run on a copy of the files they name. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHECK_TW_RECYCLE_FILES, PERSIST_TW_RECYCLE_OFF, PORTS_NAMED, commandsFor } from '../../src/analyzer/diagnosis/nextSteps.js';
import { locationDiagnoses } from '../../src/analyzer/diagnosis/locationDiagnosis.js';
import { attempt, endpoint } from './attemptSketch.js';
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
  const commands = commandsFor('paws-tw-recycle', { clientAddress: '192.168.0.2', serverPorts: [3306] });
  assert.ok(commands.includes(PERSIST_TW_RECYCLE_OFF) && commands.includes(CHECK_TW_RECYCLE_FILES));
  assert.ok(!commands.some((command) => /> \/etc\/sysctl\.d\//.test(command)), commands.join('\n'));
  assert.match(textsFor('en').pawsFix(false), /\/etc\/sysctl\.conf is applied after \/etc\/sysctl\.d\//);
  assert.match(textsFor('zh-cn').pawsFix(false), /\/etc\/sysctl\.conf 在 \/etc\/sysctl\.d\/ 之后加载/);
});

test('the capture suggested for the missing server side filters on the server port, which NAT keeps', () => {
  const [command] = commandsFor('unlocated', { clientAddress: '10.42.0.11', serverPorts: [3306] });
  assert.equal(command, "tcpdump -i any -w server.pcap 'tcp port 3306'");
  assert.doesNotMatch(textsFor('en').locationFix('unlocated') ?? '', /--server/);
  assert.match(textsFor('en').locationFix('unlocated') ?? '', /server port/);
});

test('the commands name the failures\' server ports: one, a few, or none past PORTS_NAMED (a scan); each filter compiles', () => {
  const context = (ports: number[]) => ({ clientAddress: '10.42.0.11', serverPorts: ports });
  assert.deepEqual(commandsFor('unlocated', context([80, 443])), ["tcpdump -i any -w server.pcap 'tcp and (port 80 or port 443)'"]);
  const scan = Array.from({ length: PORTS_NAMED + 1 }, (_, index) => 1 + index);
  assert.deepEqual(commandsFor('unlocated', context(scan)), ["tcpdump -i any -w server.pcap 'tcp[tcpflags] & (tcp-syn|tcp-rst) != 0'"]);
  assert.equal(commandsFor('refused', context([3306]))[0], "ss -lnt 'sport = :3306'");
  assert.equal(commandsFor('refused', context([80, 443]))[0], "ss -lnt '( sport = :80 or sport = :443 )'");
  assert.equal(commandsFor('refused', context(scan))[0], 'ss -lnt');
  assert.ok(commandsFor('time-wait-collision', context([80, 443])).includes("ss -tan state time-wait '( sport = :80 or sport = :443 )'"));
  // The filters as libpcap compiles them (for Ethernet, no interface opened), and ss's as it parses them.
  for (const ports of [[3306], [80, 443], scan.slice(0, PORTS_NAMED), scan]) {
    const filter = /'(.*)'/.exec(commandsFor('unlocated', context(ports))[0])![1];
    assert.equal(compiledByLibpcap(filter), true, filter);
    execFileSync('bash', ['-c', `${commandsFor('refused', context(ports))[0]} > /dev/null`]);
  }
  assert.equal(compiledByLibpcap('tcp and (port 80 or'), false, 'a broken filter is told apart');
});

test('a location diagnosis of failures to several ports names them all in its commands', () => {
  // Records share one endpoint object per address and port, as the analysis makes them.
  const servers = new Map([80, 443, 8080].map((port) => [port, endpoint(`192.168.11.250:${port}`)]));
  const attempts = [80, 443, 80, 8080].map((port, index) => ({ ...attempt({ id: index + 1, client: `10.0.0.2:${40000 + index}`, syns: [[1_700_000_000 + index, null]], verdict: 'fail' }), server: servers.get(port)! }));
  const [unlocated] = locationDiagnoses(textsFor('en'), attempts.map((attempt) => ({ attempt, cause: 'unlocated' as const, confidence: 'medium' as const, serverSees: null, paws: null, sharedAddress: null })), null, null);
  assert.deepEqual(unlocated!.fix!.commands, ["tcpdump -i any -w server.pcap 'tcp and (port 80 or port 443 or port 8080)'"]);
});

/** Whether libpcap (which tshark brings) compiles the capture filter: pcap_compile_nopcap, through python3's ctypes. */
function compiledByLibpcap(filter: string): boolean {
  const script = [
    'import ctypes, sys',
    "lib = ctypes.CDLL('libpcap.so.0.8')",
    "class Program(ctypes.Structure): _fields_ = [('length', ctypes.c_uint), ('instructions', ctypes.c_void_p)]",
    'program = Program()',
    'sys.exit(lib.pcap_compile_nopcap(65535, 1, ctypes.byref(program), sys.argv[1].encode(), 1, 0xffffffff) != 0)',
  ].join('\n');
  try {
    execFileSync('python3', ['-c', script, filter], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
