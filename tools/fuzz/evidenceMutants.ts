/**
 * Mutants of evidence files (netstat -s, nstat, /proc/net/netstat, sysctl, conntrack -S, ss -lnt): the
 * text readers meet what pasted notes and hostile files hold — numbers of any size, a line repeated
 * thousands of times, long runs of blanks (quadratic regular expressions), control characters, one kind's
 * lines spliced into another's, any line ending.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeededRandom } from '../../src/generator/scenario/seededRandom.js';

export interface EvidenceSeed {
  name: string;
  text: string;
}

/** Outputs this repository holds no file of: written here as the tools print them. */
const BUILT_IN: EvidenceSeed[] = [
  {
    name: 'conntrack-node.txt',
    text: 'cpu=0   \tfound=0 invalid=3 insert=0 insert_failed=2 drop=1 early_drop=0 error=0 search_restart=0 \n' +
      'cpu=1   \tfound=4 invalid=0 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=7 \n',
  },
  {
    name: 'ss-lnt-server.txt',
    text: 'State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n' +
      'LISTEN 2      1            0.0.0.0:3306       0.0.0.0:*     users:(("mysqld",pid=812,fd=21))\n' +
      'LISTEN 0      128             [::]:22            [::]:*\n' +
      'LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*\n',
  },
  {
    name: 'sysctl-a-server.txt',
    text: 'kernel.osrelease = 4.9.0-8-amd64\nnet.ipv4.tcp_timestamps = 1\nnet.ipv4.tcp_tw_recycle = 1\nnet.core.somaxconn = 128\n',
  },
  {
    name: 'proc-net-netstat-server',
    text: 'TcpExt: SyncookiesSent SyncookiesRecv PAWSPassive ListenOverflows ListenDrops\nTcpExt: 0 0 12 3 15\n',
  },
];

export function evidenceSeeds(root: string): EvidenceSeed[] {
  const seeds = [...BUILT_IN];
  const artifacts = join(root, 'test/fixtures/artifacts');
  for (const name of readdirSync(artifacts)) seeds.push({ name, text: readFileSync(join(artifacts, name), 'utf8') });
  const real = join(root, 'test/fixtures/real');
  for (const scenario of readdirSync(real, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(real, scenario.name)).filter((n) => n.startsWith('nstat-'))) {
      seeds.push({ name: `${scenario.name}-${name}`, text: readFileSync(join(real, scenario.name, name), 'utf8') });
    }
  }
  return seeds;
}

const NUMBERS = ['0', '-1', '4294967295', '18446744073709551615', '99999999999999999999999', '1e9', '0x10', '9'.repeat(5000), '3.5', ''];
const CHARACTERS = ['\u0000', '\u0007', '\u001b[31m', '\u2028', '\ufffd', '=', ':', '%', '[', ']', '*', '"', '\t', '\r', '#'];
const TOKENS = ['cpu=1 a=1 ', 'LISTEN 0 0 ', 'TcpExt: A', 'x=1', ' ', '\t', '9'];

/** What follows a run of blanks: a regular expression that fails at it may walk back through the run. */
const BLANK_ENDS = ['', 'x', '\u2028', 'x\u2028', '=', ':', '5', '5 x'];

/** Line openings of every kind, for the fixed blank-run cases. */
const OPENINGS = [
  '', 'a=', 'a=x', ' 1 ', ' 1 a', 'TcpExt:', 'TcpExt: A B', 'TcpExtListenDrops 5', '"TcpExtListenDrops": 5', ' A: 1',
  'LISTEN 0 0 a:1 b:2 ', 'LISTEN 0 0 a:1 b:2 x', 'cpu=0 a=1', 'cpu=0 ', 'State Recv-Q Send-Q Local Address:Port', 'net.ipv4.x = 1',
];
const HEADERS = ['', '#kernel\n', 'TcpExt:\n', 'net.ipv4.a = 1\n', 'cpu=0 a=1\n', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port\n'];

/** Every opening, a run of 50,000 blanks and every end, under every kind's first line: quadratic backtracking shows here. */
export function blankRunCases(): string[] {
  const cases: string[] = [];
  for (const opening of OPENINGS) {
    for (const end of BLANK_ENDS) {
      for (const header of HEADERS) cases.push(`${header}${opening}${' '.repeat(50_000)}${end}`);
    }
  }
  return cases;
}

type Mutator = (lines: string[], random: SeededRandom, seeds: readonly EvidenceSeed[]) => string[];

const MUTATORS: Record<string, Mutator> = {
  digits(lines, random) {
    const line = random.int(0, lines.length - 1);
    lines[line] = lines[line].replace(/\d+/, () => NUMBERS[random.int(0, NUMBERS.length - 1)]);
    return lines;
  },
  'dup-lines'(lines, random) {
    const line = random.int(0, lines.length - 1);
    return [...lines.slice(0, line), ...Array<string>(random.int(2, 2000)).fill(lines[line]), ...lines.slice(line)];
  },
  'delete-lines'(lines, random) {
    const from = random.int(0, lines.length - 1);
    return [...lines.slice(0, from), ...lines.slice(from + random.int(1, 20))];
  },
  splice(lines, random, seeds) {
    const other = seeds[random.int(0, seeds.length - 1)].text.split('\n');
    const from = random.int(0, other.length - 1);
    const at = random.int(0, lines.length);
    return [...lines.slice(0, at), ...other.slice(from, from + random.int(1, 30)), ...lines.slice(at)];
  },
  'blank-run'(lines, random) {
    const line = random.int(0, lines.length - 1);
    const at = random.int(0, lines[line].length);
    const blanks = (random.chance(0.5) ? ' ' : '\t').repeat(random.int(1000, 50_000));
    lines[line] = `${lines[line].slice(0, at)}${blanks}${BLANK_ENDS[random.int(0, BLANK_ENDS.length - 1)]}${lines[line].slice(at)}`;
    return lines;
  },
  characters(lines, random) {
    for (let n = random.int(1, 8); n > 0; n--) {
      const line = random.int(0, lines.length - 1);
      const at = random.int(0, lines[line].length);
      lines[line] = lines[line].slice(0, at) + CHARACTERS[random.int(0, CHARACTERS.length - 1)] + lines[line].slice(at + random.int(0, 1));
    }
    return lines;
  },
  truncate(lines, random) {
    const line = random.int(0, lines.length - 1);
    return [...lines.slice(0, line), lines[line].slice(0, random.int(0, lines[line].length))];
  },
  'long-line'(lines, random) {
    lines.splice(random.int(0, lines.length), 0, TOKENS[random.int(0, TOKENS.length - 1)].repeat(random.int(1000, 20_000)));
    return lines;
  },
};

/** The endings a file's lines are joined with: Unix, Windows, old Mac. */
const ENDINGS = ['\n', '\r\n', '\r'];

export function mutateEvidence(seed: EvidenceSeed, seeds: readonly EvidenceSeed[], random: SeededRandom): { text: string; mutators: string } {
  const names = Object.keys(MUTATORS);
  let lines = seed.text.split(/\r\n|\r|\n/);
  const used: string[] = [];
  for (let n = random.int(1, 3); n > 0; n--) {
    const name = names[random.int(0, names.length - 1)];
    lines = MUTATORS[name](lines.length === 0 ? [''] : lines, random, seeds);
    used.push(name);
  }
  return { text: lines.join(ENDINGS[random.int(0, ENDINGS.length - 1)]), mutators: used.join('+') };
}
