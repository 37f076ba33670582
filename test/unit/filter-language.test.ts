/** The handshake table's filter language: every operator, precedence, errors at their offsets, limits. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttemptFinding } from '../../src/analyzer/diagnosis/attemptFindings.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import {
  FILTER_FIELDS, MAX_FILTER_LENGTH, MAX_FILTER_NESTING, attemptPredicate, isFilterExpression, parseAttemptFilter, type FilterError,
} from '../../src/shared/attemptFilter/index.js';
import { attempt } from './attemptSketch.js';

/** Four attempts unlike each other in every field a test below looks at. */
const ATTEMPTS: HandshakeAttempt[] = [
  // 1: passes at once, 5 ms RTT, timestamps.
  attempt({ id: 1, client: '10.42.0.5:40001', syns: [[100, 5000]], synAckAt: 100.005 }),
  // 2: two SYNs unanswered, behind the same NAT, PAWS.
  attempt({ id: 2, client: '10.42.0.6:40002', syns: [[101, 4000], [102, 4000]] }),
  // 3: refused, to another server, no timestamps.
  { ...attempt({ id: 3, client: '10.43.1.1:40003', server: '192.168.11.9:80', syns: [[103, null]], rstAt: 103.001 }), ttl: 128 },
  // 4: passes after a retransmission, 1.2 s after the last SYN; SACK off, another MSS.
  { ...attempt({ id: 4, client: '[2001:db8::7]:40004', syns: [[104, 9000], [105, 9001]], synAckAt: 106.2 }), synOptions: { mss: 1380, windowScale: null, sackPermitted: false, tsval: 9000, tsecr: 0 } },
];
const FINDINGS = new Map<number, AttemptFinding>([
  [2, { cause: 'paws-tw-recycle', confidence: 'high', atServer: null }],
  [3, { cause: 'refused', confidence: 'medium', atServer: null }],
]);

function ids(expression: string): number[] {
  const parsed = parseAttemptFilter(expression);
  if (!parsed.ok) assert.fail(`${expression}: ${parsed.error.message}`);
  const matches = attemptPredicate(parsed.tree);
  return ATTEMPTS.filter((a) => matches({ attempt: a, finding: FINDINGS.get(a.id) })).map((a) => a.id);
}

function error(expression: string): FilterError {
  const parsed = parseAttemptFilter(expression);
  if (parsed.ok) assert.fail(`${expression} parsed`);
  return parsed.error;
}

test('comparisons of numbers: == != < <= > >= and hexadecimal', () => {
  assert.deepEqual(ids('syns == 2'), [2, 4]);
  assert.deepEqual(ids('syns != 2'), [1, 3]);
  assert.deepEqual(ids('id < 2'), [1]);
  assert.deepEqual(ids('id <= 2'), [1, 2]);
  assert.deepEqual(ids('id > 3'), [4]);
  assert.deepEqual(ids('id >= 3'), [3, 4]);
  assert.deepEqual(ids('server.port == 3306'), [1, 2, 4]);
  assert.deepEqual(ids('client.port == 40003'), [3]);
  assert.deepEqual(ids(`isn == 0x${(1002).toString(16)}`), [2]);
  assert.deepEqual(ids('ttl > 64'), [3]);
  assert.deepEqual(ids('mss == 1380'), [4]);
  assert.deepEqual(ids('wscale == 7'), [1, 2, 3]);
  assert.deepEqual(ids('tsval >= 5000'), [1, 4]);
  assert.deepEqual(ids('time >= 103.5'), [4]);
});

test('connect is the first SYN → the ACK, retransmission waits included; frame is the first SYN\'s Wireshark number', () => {
  // Attempt 4's SYN-ACK came 1.2 s after its second SYN, 2.2 s after its first: rtt says 1.2 s, connect 2.2 s.
  assert.deepEqual(ids('rtt > 2s'), []);
  assert.deepEqual(ids('connect > 2s'), [4]);
  assert.deepEqual(ids('connect < 10ms'), [1]);
  // Without the client's ACK there is no connect latency.
  assert.deepEqual(ids('connect'), [1, 4]);
  // The sketch puts attempt 3's first SYN at frame index 300: Wireshark's frame 301.
  assert.deepEqual(ids('frame == 301'), [3]);
  assert.deepEqual(ids('frame == 300'), []);
});

test('durations take us, ms and s; a bare number is milliseconds; no RTT matches no comparison', () => {
  assert.deepEqual(ids('rtt > 10ms'), [4]);
  assert.deepEqual(ids('rtt < 10'), [1]);
  assert.deepEqual(ids('rtt > 1s'), [4]);
  assert.deepEqual(ids('rtt >= 1.3s'), []);
  assert.deepEqual(ids('rtt < 5001us'), [1]);
  assert.deepEqual(ids('rtt'), [1, 4]);
  assert.deepEqual(ids('!rtt'), [2, 3]);
});

test('text: == is the whole text, ~ a substring, both case-insensitive; in takes a set', () => {
  assert.deepEqual(ids('client ~ 10.42.'), [1, 2]);
  assert.deepEqual(ids('client == 10.42.0.6:40002'), [2]);
  assert.deepEqual(ids('client.address == 2001:DB8::7'), [4]);
  assert.deepEqual(ids('client == "[2001:db8::7]:40004"'), [4]);
  assert.deepEqual(ids("server.address == '192.168.11.9'"), [3]);
  assert.deepEqual(ids('server ~ ":80"'), [3]);
  assert.deepEqual(ids('outcome in {refused no-reply}'), [2, 3]);
  assert.deepEqual(ids('outcome in {refused, established}'), [1, 3, 4]);
  assert.deepEqual(ids('id in {1 4}'), [1, 4]);
  assert.deepEqual(ids('outcome ~ re'), [2, 3]);
});

test('choices, causes and confidences; != matches the attempts without the value', () => {
  assert.deepEqual(ids('verdict == fail'), [2, 3]);
  assert.deepEqual(ids('VERDICT == PASS'), [1, 4]);
  assert.deepEqual(ids('cause == paws-tw-recycle'), [2]);
  assert.deepEqual(ids('cause != paws-tw-recycle'), [1, 3, 4]);
  assert.deepEqual(ids('cause'), [2, 3]);
  assert.deepEqual(ids('!cause'), [1, 4]);
  assert.deepEqual(ids('confidence == high'), [2]);
});

test('flags: bare, negated, or compared with true and false', () => {
  assert.deepEqual(ids('ts'), [1, 2, 4]);
  assert.deepEqual(ids('!ts'), [3]);
  assert.deepEqual(ids('not ts'), [3]);
  assert.deepEqual(ids('sack == false'), [4]);
  assert.deepEqual(ids('sack != true'), [4]);
});

test('&& binds tighter than ||, ! tighter than both; parentheses and the word forms', () => {
  assert.deepEqual(ids('verdict == fail && syns >= 2'), [2]);
  assert.deepEqual(ids('id == 1 || id == 2 && syns == 2'), [1, 2]);
  assert.deepEqual(ids('(id == 1 || id == 4) && syns == 2'), [4]);
  assert.deepEqual(ids('id == 1 or id == 4 and syns == 2'), [1, 4]);
  assert.deepEqual(ids('!id == 1 && ts'), [2, 4]);
  assert.deepEqual(ids('!(id == 1 || ts)'), [3]);
  assert.deepEqual(ids('not not ts'), [1, 2, 4]);
  assert.deepEqual(ids('((((id == 3))))'), [3]);
});

test('every field of the catalogue parses bare and its name is unique', () => {
  const names = FILTER_FIELDS.map((field) => field.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of ['id', 'time', 'client', 'client.address', 'client.port', 'server', 'server.address', 'server.port', 'syns', 'rtt',
    'tsval', 'ts', 'verdict', 'outcome', 'cause', 'confidence', 'isn', 'mss', 'wscale', 'sack', 'ttl', 'connect', 'frame']) {
    assert.ok(names.includes(name), name);
    assert.equal(parseAttemptFilter(name).ok, true, name);
  }
});

test('errors name the offset and what was expected', () => {
  assert.deepEqual(error('verdict == fail && syns >='), { code: 'expected-value', position: 26, args: ['>='], message: "expected a value after '>=' at 26" });
  const cases: Array<[string, string]> = [
    ['cause == ', "expected a value after '==' at 9"],
    ['syns >= two', "expected a number after '>=' at 8"],
    ['rtt > 10 minutes', "expected '&&', '||' or the end of the filter at 9"],
    ['rtt > 10min', "expected a duration such as 10ms after '>' at 6"],
    ['verdict == maybe', 'expected one of pass, fail, unknown at 11'],
    ['colour == red', "unknown field 'colour' at 0"],
    ['verdict < fail', "'<' does not apply to verdict at 8"],
    ['syns ~ 2', "'~' does not apply to syns at 5"],
    ['ts in {true}', "'in' does not apply to ts at 3"],
    ['sack == yes', 'expected one of true, false at 8'],
    ['(id == 1', "expected ')' at 8"],
    ['outcome in refused', "expected '{' at 11"],
    ['outcome in {refused', "expected '}' at 19"],
    ['outcome in {}', "expected a value after '{' at 12"],
    ['outcome in {refused ==', "expected '}' at 20"],
    ['outcome in {refused,}', "expected a value after ',' at 20"],
    ['outcome in {refused maybe}', `expected one of ${['established', 'refused', 'no-reply', 'no-ack', 'reset-by-client', 'syn-ack-after-give-up', 'capture-ended', 'not-accepted'].join(', ')} at 20`],
    ['client == 10.0.0.0/8', "unexpected character '/' at 18"],
    ['id == 1 &&', "expected a field, '(' or '!' at 10"],
    ['&& id == 1', "expected a field, '(' or '!' at 0"],
    ['id = 1', "unexpected character '=' at 3"],
    ['client == "10.42', 'unterminated string starting at 10'],
    ['id == 1 id == 2', "expected '&&', '||' or the end of the filter at 8"],
  ];
  for (const [expression, message] of cases) assert.equal(error(expression).message, message, expression);
  assert.equal(error('cause == paws').position, 9);
  assert.equal(error('').code, 'expected-field');
});

test('hostile input: a length and a nesting limit, and linear work on long inputs', () => {
  assert.equal(error('id == 1 || '.repeat(200)).code, 'too-long');
  assert.equal(error('x'.repeat(MAX_FILTER_LENGTH + 1)).message, `the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  const deep = `${'('.repeat(MAX_FILTER_NESTING + 1)}ts${')'.repeat(MAX_FILTER_NESTING + 1)}`;
  assert.deepEqual(error(deep), { code: 'too-deep', position: MAX_FILTER_NESTING, args: [String(MAX_FILTER_NESTING)], message: `more than ${MAX_FILTER_NESTING} nested parentheses or negations at ${MAX_FILTER_NESTING}` });
  assert.equal(error('!'.repeat(MAX_FILTER_NESTING + 1) + 'ts').code, 'too-deep');
  assert.deepEqual(ids(`${'('.repeat(MAX_FILTER_NESTING)}ts${')'.repeat(MAX_FILTER_NESTING)}`), [1, 2, 4]);
  // The longest input allowed parses at once: a flat chain of 150 tests, and an unclosed one fails at its end.
  const chain = Array.from({ length: 150 }, (_, index) => `id == ${index}`).join(' || ');
  assert.ok(chain.length <= MAX_FILTER_LENGTH);
  assert.deepEqual(ids(chain), [1, 2, 3, 4]);
  assert.equal(error(`(${chain}`).position, chain.length + 1);
});

test('the search box holds an expression when it holds an operator or a keyword, else words to look for', () => {
  for (const text of ['verdict == fail', '!ts', 'rtt > 10ms', 'client ~ 10.42.', '(ts)', 'ts and sack', 'outcome in {refused}', 'NOT ts', '"x"']) {
    assert.equal(isFilterExpression(text), true, text);
  }
  for (const text of ['10.42.0.5', '192.168.11.250:3306', 'reset-by-middlebox', 'not-covered', 'refused', 'ts', 'index', '[2001:db8::7]:40004']) {
    assert.equal(isFilterExpression(text), false, text);
  }
});
