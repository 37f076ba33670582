/**
 * The named scenarios: the story (several pods behind one NAT address against a server with
 * tcp_tw_recycle=1), PAWS without NAT (a modern client with per-connection TSval offsets), and the
 * negatives that must not be blamed on PAWS. Addresses follow DEVELOPERS.md: pods in 10.244.1.0/24,
 * the node's NAT address 192.168.0.2, the MySQL server 192.168.11.250:3306.
 */
import type { ClientHostSpec, ScenarioSpec } from './scenarioSpec.js';

const NODE_ADDRESS = '192.168.0.2';
const SERVER_ADDRESS = '192.168.11.250';
const MYSQL_PORT = 3306;
/** 2026-11-02 09:00:00 UTC: a fixed start keeps the samples byte-for-byte reproducible. */
const START_EPOCH_SECONDS = 1793610000;
const DAY_MS = 86_400_000;

type PortMode = NonNullable<ClientHostSpec['nat']>['portMode'];

/** A pod behind the node's NAT. */
function natPod(name: string, lastOctet: number, tsClock: ClientHostSpec['tsClock'], attemptsPerMinute: number, portMode: PortMode = 'preserve'): ClientHostSpec {
  return { name, address: `10.244.1.${lastOctet}`, nat: { address: NODE_ADDRESS, portMode }, tsClock, attemptsPerMinute };
}

/** A pod behind the node's NAT whose TSval clock is its uptime (Linux before 4.10). */
function pod(name: string, lastOctet: number, uptimeMs: number, attemptsPerMinute: number, portMode: PortMode = 'preserve'): ClientHostSpec {
  return natPod(name, lastOctet, { startTicks: uptimeMs, offsetScope: 'host' }, attemptsPerMinute, portMode);
}

/** The base every scenario starts from: clean path, server answering everything, tcp_tw_recycle off. */
function baseScenario(name: string, description: string, seed: number, clients: ClientHostSpec[]): ScenarioSpec {
  return {
    name, description, seed,
    startEpochSeconds: START_EPOCH_SECONDS,
    durationSeconds: 240,
    connectTimeoutSeconds: 10,
    clients,
    server: {
      address: SERVER_ADDRESS, listenPorts: [MYSQL_PORT], twRecycle: false, synDropProbability: 0,
      tsClock: { startTicks: 41 * DAY_MS + 123_456, offsetScope: 'host' }, clockOffsetSeconds: 2.357,
    },
    path: { oneWayDelayMs: 0.6, jitterMs: 0.3, hops: 3, synLossProbability: 0, replyLossPerFlowProbability: 0 },
    captures: {
      client: { point: 'node', format: 'pcap', linkType: 1 },
      server: { format: 'pcap', linkType: 1 },
    },
  };
}

/** One application host with one TSval clock and no NAT. */
function singleApp(name: string, description: string, seed: number, host: Partial<ClientHostSpec> = {}): ScenarioSpec {
  return baseScenario(name, description, seed, [{ name: 'app', address: '192.168.0.9', tsClock: {}, attemptsPerMinute: 10, ...host }]);
}

/** The four pods of the story: uptimes of days apart, so their TSval lines are far apart. */
function storyPods(portMode: PortMode = 'preserve'): ClientHostSpec[] {
  return [
    pod('pod-a', 7, 12 * DAY_MS + 3_600_000, 3, portMode),
    pod('pod-b', 12, 3 * DAY_MS + 120_000, 3, portMode),
    pod('pod-c', 23, 27 * DAY_MS + 45_000, 2, portMode),
    pod('pod-d', 31, 40 * 60_000, 2, portMode),
  ];
}

function story(): ScenarioSpec {
  const spec = baseScenario('story',
    'Four pods behind the node address 192.168.0.2, each with its own TSval clock, connect to MySQL on a server with tcp_tw_recycle=1 that closes first: SYNs from pods whose clocks are behind the last stamp are dropped silently.',
    4, storyPods());
  spec.server.twRecycle = true;
  return spec;
}

function podSide(): ScenarioSpec {
  const spec = story();
  spec.name = 'pod-side';
  spec.description = 'The story, captured inside pod-b (before NAT) while the NAT rewrites source ports (--random-fully).';
  spec.clients = storyPods('random');
  spec.captures.client = { point: 'pod', pods: ['pod-b'], format: 'pcap', linkType: 1 };
  spec.server.clockOffsetSeconds = -4.81;
  return spec;
}

function mixedFormats(): ScenarioSpec {
  const spec = story();
  spec.name = 'story-mixed-formats';
  spec.description = 'The story with the client capture in pcap/Ethernet and the server capture in big-endian pcapng/Linux SLL2 with nanosecond timestamps.';
  spec.seed = 41;
  spec.captures.server = { format: 'pcapng', linkType: 276, bigEndian: true, nanosecond: true, interfaceName: 'any' };
  return spec;
}

function pawsNoNat(): ScenarioSpec {
  const spec = singleApp('paws-no-nat',
    'One modern Linux client (random TSval offset per connection), no NAT, against a server with tcp_tw_recycle=1: PAWS drops its SYNs without any NAT.',
    7, { tsClock: { offsetScope: 'connection' }, attemptsPerMinute: 8 });
  spec.server.twRecycle = true;
  return spec;
}

function oneClockRandomDrops(): ScenarioSpec {
  const spec = singleApp('one-clock-random-drops',
    'One client with one TSval clock; the server has tcp_tw_recycle=1 (which one monotonic clock never trips) and drops SYNs at random, like an overflowing listen queue.',
    11);
  spec.server.twRecycle = true;
  spec.server.synDropProbability = 0.5;
  spec.connectTimeoutSeconds = 3;
  return spec;
}

function natNoRecycle(): ScenarioSpec {
  const clients = storyPods();
  clients.push(natPod('pod-e', 40, { offsetScope: 'connection' }, 3), natPod('pod-f', 41, { offsetScope: 'address-pair' }, 3));
  const spec = baseScenario('nat-no-recycle',
    'Pods with different TSval clocks (two of them modern, with per-connection and per-address-pair offsets) behind one NAT address, a server with tcp_tw_recycle=0 that drops SYNs at random.',
    13, clients);
  spec.server.synDropProbability = 0.45;
  spec.connectTimeoutSeconds = 3;
  return spec;
}

function synLostOnPath(): ScenarioSpec {
  const spec = singleApp('syn-lost-on-path',
    'SYNs lost on the way to the server (a lossy path, a security group, a full conntrack table): the server never sees them.',
    17);
  spec.path.synLossProbability = 0.5;
  spec.connectTimeoutSeconds = 3;
  return spec;
}

function synAckLostOnReturn(): ScenarioSpec {
  const spec = singleApp('synack-lost-on-return',
    'The server answers every SYN, but for some connections every reply is lost on the way back (asymmetric routing, reverse-path filtering).',
    19);
  spec.path.replyLossPerFlowProbability = 0.3;
  return spec;
}

function refusedPort(): ScenarioSpec {
  const spec = singleApp('refused-port',
    'The client connects to 3306 and to 3307; nothing listens on 3307, so the server answers RST.',
    23, { targetPorts: [MYSQL_PORT, 3307] });
  return spec;
}

function refusedAndUnanswered(): ScenarioSpec {
  const spec = singleApp('refused-and-unanswered',
    'A client whose attempts are refused (nothing on 3307) or go unanswered (SYNs lost on the path), among successful ones.',
    29, { attemptsPerMinute: 6, targetPorts: [MYSQL_PORT, MYSQL_PORT, 3307] });
  spec.durationSeconds = 120;
  spec.path.synLossProbability = 0.6;
  spec.connectTimeoutSeconds = 3;
  return spec;
}

/** The story's pods plus two behind the same NAT address that send no TCP timestamps (tcp_timestamps=0). */
function podsWithAndWithoutTimestamps(): ClientHostSpec[] {
  const clients = storyPods();
  for (const [name, octet] of [['pod-e', 44], ['pod-f', 45]] as const) {
    clients.push({ ...pod(name, octet, 5 * DAY_MS, 2), timestamps: false });
  }
  return clients;
}

function linux310(): ScenarioSpec {
  const spec = baseScenario('paws-linux-3.10',
    'The story on a Linux 3.10 server (CentOS 7) with tcp_tw_recycle=1, and two pods behind the same NAT address that send no timestamps: before 3.17 the check needs a timestamp, so their SYNs pass.',
    43, podsWithAndWithoutTimestamps());
  spec.server.twRecycle = true;
  spec.server.dropSynWithoutTimestamp = false;
  return spec;
}

function linux317(): ScenarioSpec {
  const spec = linux310();
  spec.name = 'paws-linux-3.17';
  spec.description = 'The same pods against a Linux 3.17+ server with tcp_tw_recycle=1: the SYNs without timestamps are dropped too while a stamp is fresh.';
  spec.server.dropSynWithoutTimestamp = true;
  return spec;
}

function acceptQueueOverflow(): ScenarioSpec {
  const clients = [
    natPod('pod-a', 51, { offsetScope: 'connection' }, 3),
    natPod('pod-b', 52, { offsetScope: 'connection' }, 3),
  ].map((client) => ({ ...client, burst: { attempts: 20, spacingMs: 2 } }));
  const spec = baseScenario('accept-queue-overflow',
    'Two modern pods (per-connection TSval offsets) behind one NAT address open connections in bursts to a server on a current kernel (no tcp_tw_recycle at all) whose application listens with a backlog of 1 and accepts slowly, with tcp_syncookies=0: the full queues drop about 90 % of the SYNs.',
    47, clients);
  spec.server.listen = { backlog: 1, acceptIntervalMs: 1000 };
  spec.connectTimeoutSeconds = 3;
  return spec;
}

/**
 * The conntrack SNAT race: two modern pods behind one NAT address, each opening connections to MySQL on
 * its own schedule; when one pod's first SYN passes SNAT within 2 ms of another connection's first SYN,
 * both get one NAT tuple and the node drops the later (insert_failed), whose retransmission a second
 * later leaves with another port and passes. Captured in both pods, on the node's uplink and at the server.
 */
function snatRace(): ScenarioSpec {
  const replicas = { seed: 5301, delayMs: 0 };
  const clients = [
    { ...natPod('pod-a', 61, { offsetScope: 'connection' }, 6), arrivals: replicas },
    { ...natPod('pod-b', 62, { offsetScope: 'connection' }, 6), arrivals: { ...replicas, delayMs: 0.4 } },
    natPod('pod-c', 63, { offsetScope: 'connection' }, 6),
  ].map((client) => ({ ...client, nat: { ...client.nat!, clashWindowUs: 1000 } }));
  const spec = baseScenario('snat-race',
    'Two replica pods (a and b) behind one NAT address are called at the same moments and connect to MySQL 0.4 ms apart; a first SYN that passes SNAT within 1 ms of another connection\'s is given the same NAT tuple and dropped by conntrack (insert_failed), its retransmission leaving with another port a second later: connects that take a second. Pod c connects on its own schedule. Captured in the pods, on the node\'s uplink and at the server.',
    53, clients);
  spec.durationSeconds = 120;
  spec.captures.client = { point: 'pod', format: 'pcap', linkType: 1 };
  spec.captures.node = { format: 'pcap', linkType: 1 };
  return spec;
}

function synCookies(): ScenarioSpec {
  const clients = [
    natPod('pod-a', 61, { offsetScope: 'connection' }, 6),
    natPod('pod-b', 62, { offsetScope: 'connection' }, 6),
    { ...natPod('pod-c', 63, { offsetScope: 'connection' }, 6), timestamps: false },
  ];
  const spec = baseScenario('syn-cookies',
    'Three pods (one without timestamps) behind one NAT address; for some connections every reply is lost on the way back, and their requests fill a SYN queue of 3 (listen backlog 3, tcp_syncookies=1) until they expire: the server then answers with SYN cookies. Its TSval clock has no per-connection offset (a kernel before 4.10, or tcp_timestamps=2), so the cookies show in the TSvals; without timestamps they lose window scale and SACK, and nothing resends a cookie SYN-ACK.',
    53, clients);
  spec.server.listen = { backlog: 3, acceptIntervalMs: 1, synCookies: true };
  spec.path.replyLossPerFlowProbability = 0.15;
  spec.connectTimeoutSeconds = 5;
  return spec;
}

function middleboxReset(): ScenarioSpec {
  const spec = singleApp('middlebox-reset',
    'The server listens on 3306 and 3307, but a firewall just in front of it rejects SYNs to 3307 with a RST of its own (REJECT --reject-with tcp-reset): the client sees a refusal the server never sent, one router closer than the server.',
    59, { targetPorts: [MYSQL_PORT, 3307] });
  spec.server.listenPorts = [MYSQL_PORT, 3307];
  spec.path.middlebox = { resetPorts: [3307] };
  return spec;
}

function slowConnect(): ScenarioSpec {
  const spec = singleApp('slow-connect',
    'Now and then a connection\'s first SYN is lost on the way to the server; the retransmission a second later passes: every connection succeeds, some a second late.',
    61, { attemptsPerMinute: 12 });
  spec.path.firstSynLossProbability = 0.3;
  return spec;
}

function healthy(): ScenarioSpec {
  const spec = baseScenario('healthy',
    'Two pods behind NAT connecting to MySQL; tcp_tw_recycle=0, nothing lost: every handshake completes.',
    31, storyPods().slice(0, 2));
  spec.durationSeconds = 120;
  return spec;
}

/**
 * Two pods whose connections the node SNATs to one address and port (`SNAT --to-source
 * 192.168.0.2:40000`), so that every connection is one four-tuple at the server, which closes first and
 * holds the previous one in TIME-WAIT. The pods send no timestamps, so only the ISN decides
 * (timeWaitSocket.ts): a SYN not after the old connection's end meets the TIME-WAIT socket's ACK.
 */
function timeWaitCollision(): ScenarioSpec {
  const clients = (['pod-a', 'pod-b'] as const).map((name, index): ClientHostSpec => ({
    name, address: `10.244.1.${61 + index}`, nat: { address: NODE_ADDRESS, portMode: 'single', port: 40000 },
    tsClock: { offsetScope: 'connection' }, timestamps: false, attemptsPerMinute: 15, periodic: { firstSeconds: 2 * index, everySeconds: 4 },
  }));
  const spec = baseScenario('time-wait-collision',
    'Two pods without TCP timestamps whose connections the node SNATs to one source address and port, every 2 s in turn, against a server that closes first and so holds the previous connection in TIME-WAIT: a SYN whose ISN is not after the old connection is answered by its ACK, the pod resets it and sends the SYN again; from 60 s on the server has tcp_rfc1337=1, the reset no longer ends TIME-WAIT and those connects fail.',
    53, clients);
  spec.durationSeconds = 120;
  spec.connectTimeoutSeconds = 1.5;
  spec.server.rfc1337FromSeconds = 60;
  return spec;
}

export const SCENARIOS: Record<string, () => ScenarioSpec> = {
  'story': story,
  'pod-side': podSide,
  'story-mixed-formats': mixedFormats,
  'paws-no-nat': pawsNoNat,
  'one-clock-random-drops': oneClockRandomDrops,
  'nat-no-recycle': natNoRecycle,
  'syn-lost-on-path': synLostOnPath,
  'synack-lost-on-return': synAckLostOnReturn,
  'refused-port': refusedPort,
  'refused-and-unanswered': refusedAndUnanswered,
  'healthy': healthy,
  'paws-linux-3.10': linux310,
  'paws-linux-3.17': linux317,
  'accept-queue-overflow': acceptQueueOverflow,
  'snat-race': snatRace,
  'syn-cookies': synCookies,
  'middlebox-reset': middleboxReset,
  'slow-connect': slowConnect,
  'time-wait-collision': timeWaitCollision,
};

/** Scenarios whose failures must never be blamed on PAWS. */
export const NON_PAWS_SCENARIOS = [
  'one-clock-random-drops', 'nat-no-recycle', 'syn-lost-on-path', 'synack-lost-on-return', 'refused-port', 'refused-and-unanswered', 'healthy', 'accept-queue-overflow',
  'snat-race', 'syn-cookies', 'middlebox-reset', 'slow-connect', 'time-wait-collision',
];

export function scenarioSpec(name: string): ScenarioSpec {
  const build = SCENARIOS[name];
  if (!build) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  return build();
}
