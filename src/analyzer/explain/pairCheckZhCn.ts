/** 两份抓包是否为同一批流量的检查：简体中文说明。 */
import { captureTime, grouped, readableDuration } from './format.js';
import type { PairCheckTexts } from './pairCheckTexts.js';

const UNITS = { ms: 'ms', s: '秒', min: '分钟', h: '小时', days: '天' };
const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

export const pairCheckZhCn: PairCheckTexts = {
  notCorrespondingTitle: (f) =>
    `两份抓包不是同一批流量：服务器端抓包期间成功的 ${grouped(f.passed)} 次连接，一个都不在服务器端抓包中`,
  notCorrespondingExplanation:
    '握手完成的连接一定到达了服务器，所以同一时刻运行的服务器端抓包里必然有它的 SYN，可以凭初始序列号、目的端口和 TCP 时间戳（NAT 不会改动它们）认出来。' +
    '这些连接一个都不在：服务器端抓包记录的是别的流量（别的服务器、别的时间、配错了对），' +
    '或者两份抓包之间有设备改写了序列号，而 SYN 又没有时间戳可供辨认。' +
    '因此不对这一对抓包做任何定位：两端不是同一批流量时，服务器端抓包里缺少某个 SYN 说明不了任何问题。',
  notCorrespondingEvidence: (f) =>
    `${captureTime(f.coveredFrom)} 至 ${captureTime(f.coveredTo)}（服务器端抓包的时间范围，按客户端抓包的时钟，且只算服务器端抓包里出现过的端口）之间成功的 ` +
    `${grouped(f.passed)} 次连接中，只有 ${grouped(f.found)} 次出现在服务器端抓包里。`,
  notCorrespondingFix:
    '请把客户端抓包与同一时间、在客户端所连服务器上抓的包配对。如果两者之间的防火墙会随机化 TCP 序列号' +
    '（Cisco ASA 的序列号随机化、pf 的 "modulate state"），请在开启 TCP 时间戳的情况下抓包，或在防火墙的同一侧抓包。',

  isnRewrittenTitle: (f) =>
    `两份抓包之间有设备改写了 TCP 初始序列号（${grouped(f.pairs)} 次连接按端口、时间戳和时间对上）`,
  isnRewrittenExplanation:
    '这些 SYN 到达服务器时，目的端口、TCP 时间戳（TSval）和时刻都相同，初始序列号却变了：' +
    '路径上有设备改写序列号，例如 Cisco ASA 的序列号随机化或 pf 的 "modulate state"。' +
    '因此改用端口、TSval 和时间来匹配连接，然后照常定位。改写本身无害，但这类设备曾出现过处理 SACK 块和 TCP 时间戳出错的问题。',
  isnRewrittenEvidence: (f) =>
    `${grouped(f.pairs)} 次连接按目的端口、TSval 和时间对上，但在服务器端的 ISN 不同；共有 ${grouped(f.distinctDeltas)} 种不同的 ISN 差值` +
    (f.distinctDeltas > 1 && f.distinctDeltas === f.pairs ? '（每个连接一个新的随机值）' : '') +
    `；${grouped(f.unchangedPairs)} 次连接的 ISN 没有变。`,
  isnRewrittenPair: (p) =>
    `${p.client}（服务器端看到的是 ${p.serverSees}），TSval ${p.tsval}：ISN 由 ${p.clientIsn} 变为 ${p.serverIsn}（差值 ${hex(p.delta)}），` +
    `服务器时钟与客户端相差 ${grouped(p.offsetMs)} ms。`,

  noOverlapTitle: (f) =>
    `两份抓包记录的时间没有重叠（相隔 ${readableDuration(f.gapSeconds * 1000, UNITS)}）`,
  noOverlapExplanation: (matched) => matched
    ? '两份抓包的报文时间没有重叠，但其中的连接按 ISN、端口和 TCP 时间戳能对上：它们是同一批流量，只是某台机器的时钟不准。时间比较按对上的连接得出的偏差进行。'
    : '两份抓包的报文时间没有重叠，也没有任何连接同时出现在两边：服务器端抓包没有覆盖客户端抓包的任何时刻，无法用它定位任何失败。',
  noOverlapEvidence: (f) =>
    `客户端抓包从 ${captureTime(f.clientFrom)} 到 ${captureTime(f.clientTo)}，服务器端抓包从 ${captureTime(f.serverFrom)} 到 ${captureTime(f.serverTo)}` +
    (f.offsetMs === null ? '。' : `；按对上的连接，服务器端抓包的时钟比客户端${f.offsetMs >= 0 ? '快' : '慢'} ${readableDuration(Math.abs(f.offsetMs), UNITS)}。`),

  passedMissing: (missing, passed) =>
    `服务器端抓包期间成功的 ${grouped(passed)} 次连接中，也有 ${grouped(missing)} 次不在服务器端抓包里：` +
    '它没有记录全部流量（抓包丢包、过滤条件、另一台后端），所以其中缺少的 SYN 仍可能到达过服务器。',

  serverCaptureDropped: (dropped) =>
    `服务器端抓包自己记录了丢弃 ${grouped(dropped)} 个报文（pcapng 接口统计 isb_ifdrop 与 isb_osdrop：抓包缓冲区已满）：其中缺少的 SYN 仍可能到达过服务器。`,

  correspondenceUnverified:
    '服务器端抓包期间没有任何连接成功，所以无法证明它记录的是这个客户端的流量（配错了对，或防火墙改写了序列号，看起来也是这样）：其中缺少的 SYN 仍可能到达过服务器。',

  rolesReversedTitle: '两份抓包似乎放反了：客户端抓包是在服务器附近抓的，服务器端抓包是在客户端附近抓的',
  rolesReversedExplanation:
    '在客户端附近，SYN → SYN-ACK 的时间是一个完整的往返，SYN-ACK → ACK 很短；在服务器附近正好相反。' +
    '“客户端”抓包呈现的是服务器一侧的时序，“服务器端”抓包呈现的是客户端一侧的时序，所以很可能配反了：' +
    '请先给客户端一侧的抓包，再把服务器一侧的作为服务器端抓包。在此之前，定位和 PAWS 重放都把每份抓包当成了另一端。',
  rolesReversedEvidence: (f) =>
    `客户端抓包：${grouped(f.clientCaptureAtServer)} 次连接的时序像是在服务器附近抓的，${grouped(f.clientCaptureAtClient)} 次像是在客户端附近。` +
    `服务器端抓包：${grouped(f.serverCaptureAtClient)} 次连接的时序像是在客户端附近抓的，${grouped(f.serverCaptureAtServer)} 次像是在服务器附近。`,
};
