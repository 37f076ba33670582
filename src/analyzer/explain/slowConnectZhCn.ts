/** 慢连接（slow-connect）诊断的简体中文说明。 */
import { grouped } from './format.js';
import type { SynSchedule } from '../handshakes/synSchedule.js';
import { latencyText, type SlowConnectGroup, type SlowConnectTexts } from './slowConnectTexts.js';

const duration = (ms: number) => latencyText(ms, '秒');

const SCHEDULE: Record<SynSchedule, string> = {
  'linux-doubling': 'Linux 的指数退避（SYN 在 0、1、3、7 秒发出）',
  'linux-linear': 'Linux 的线性超时 net.ipv4.tcp_syn_linear_timeouts（SYN 在 0、1、2、3 秒发出）',
  'linux-one-second': '首个 SYN 之后 1 秒的一次重传（Linux；只有一个间隔，分不出线性还是指数退避）',
  'linux-unacceptable-ack': 'Linux 收到不可接受的 ACK 后立即重传（TCP_TIMEOUT_MIN，几毫秒，5.10 起），之后按通常的超时',
  'windows': 'Windows 的重传间隔（SYN 在 0、3、9 秒发出）',
  'other': '不符合任何已知协议栈的重传间隔（应用自己的重试，或抓包漏掉了某个 SYN）',
};

const GROUP: Record<SlowConnectGroup, string> = {
  'time-wait-collision': '它们的第一个 SYN 被同一四元组上一个连接的 ACK 应答，该连接仍被服务器保持（TIME-WAIT），客户端将其复位后才重新发送 SYN',
  'paws-tw-recycle': '最初的 SYN 到达了服务器，被它的 tcp_tw_recycle 时间戳检查丢弃（对服务器端抓包的回放正好预测这些 SYN 会被丢弃）',
  'dropped-at-server': '最初的 SYN 到达了服务器，但服务器直到后来的重传才回应，此前既没有 SYN-ACK 也没有 RST',
  'reply-lost': '服务器回应了最初的 SYN，但这些 SYN-ACK 没有到达客户端',
  'dropped-at-node': '最初的 SYN 死在客户端一侧两个抓包点之间的节点上（之后当时正在抓包的抓包点中只有重传）',
  'lost-before-server': '最初的 SYN 没有出现在服务器端抓包中，而后来的重传在其中',
  'unlocated': '仅凭一份抓包无法判断最初的 SYN 丢在哪里（服务器端抓包能说明它们是否到达）',
};

export const slowConnectZhCn: SlowConnectTexts = {
  title: (slow, maxMs) => `${grouped(slow)} 次连接在重传 SYN 之后才成功（建立连接最多用了 ${duration(maxMs)}）`,
  explanation: (vantage) =>
    'SYN 得不到回应时，客户端内核会在超时后重发它（Linux：1 秒，然后 2 秒、4 秒……，较新的内核先按 1 秒步长；Windows：3 秒，然后 6 秒）。' +
    '之后连接成功，所以没有失败，但应用的 connect() 多等了整整一个超时：这就是用户看到的"偶发超时"，请求有时要 1 秒、3 秒甚至更久。' +
    '最初的 SYN 丢失的原因与其他握手失败的原因相同，证据在抓包能说明的范围内指出是哪一种。' +
    (vantage === 'client'
      ? '这里的延迟是从第一个 SYN 到 SYN-ACK，即客户端等待的时间。'
      : '这份抓包在服务器端：延迟是从到达的第一个 SYN 到客户端的 ACK，在到达服务器之前丢失的 SYN 不在其中。'),
  group: (f) =>
    `${grouped(f.count)} 次慢连接：${GROUP[f.group]}。` +
    (f.schedule === null ? '这份抓包中没有这些重传。' : `SYN 的重传符合 ${SCHEDULE[f.schedule]}。`),
  latency: (f, vantage) =>
    `${f.server}：${grouped(f.passed)} 次成功连接中有 ${grouped(f.slow)} 次需要重传 SYN；` +
    `${vantage === 'client' ? '建立连接的延迟' : '服务器端看到的握手时间'} p50 ${duration(f.p50Ms)}，p99 ${duration(f.p99Ms)}，最大 ${duration(f.maxMs)}。`,
  fix: (group) => ({
    'time-wait-collision': '在服务器仍保持旧连接时不要重用四元组：NAT 随机分配源端口（--random-fully）、扩大 net.ipv4.ip_local_port_range，或让客户端先关闭；两端都保持 net.ipv4.tcp_timestamps = 1。',
    'paws-tw-recycle': '在服务器上设置 net.ipv4.tcp_tw_recycle = 0（Linux 4.12 起已删除该选项）：在 NAT 之后，它会丢弃时间戳时钟落后的主机发来的 SYN。',
    'dropped-at-server': '检查服务器：监听队列已满（netstat -s 中的 "SYNs to LISTEN sockets dropped"、"times the listen queue of a socket overflowed"；调大 backlog 和 net.core.somaxconn，加快 accept），或有防火墙规则丢弃 SYN。',
    'reply-lost': '沿返回路径追查服务器发出的 SYN-ACK：回程上的防火墙、conntrack 或非对称路由丢弃了它们。',
    'dropped-at-node': '在两个抓包点之间的节点上查看：conntrack -S（SNAT 竞争会使 insert_failed 和 drop 增长：给 MASQUERADE/SNAT 规则加上 --random-fully）、dmesg 中的 "nf_conntrack: table full"，以及 FORWARD 链的计数。',
    'lost-before-server': '沿去往服务器的路径追查 SYN：丢包、NAT 节点上 conntrack 表已满（nf_conntrack: table full, dropping packet），或中间的防火墙。',
    'unlocated': '同时在服务器端抓包，并与这份抓包关联，看最初的 SYN 去了哪里。',
  })[group],
};
