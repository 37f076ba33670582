/** SYN cookie（syn-cookies）诊断的简体中文说明。 */
import { grouped, seconds, serversNamedZh } from './format.js';
import type { SynCookieTexts } from './synCookieTexts.js';

const chance = (p: number) => (p < 1e-6 ? '不到百万分之一' : `p = ${p.toPrecision(2)}`);
const options = (windowScale: number | null, sack: boolean) =>
  `${windowScale === null ? '无窗口缩放' : `窗口缩放 ${windowScale}`}，${sack ? '有 SACK' : '无 SACK'}`;

export const synCookieZhCn: SynCookieTexts = {
  title: (attempts, servers) =>
    `${serversNamedZh(servers)} 用 SYN cookie 应答了 ${grouped(attempts)} 个 SYN：其半连接（SYN）队列溢出`,
  explanation: (atServer) =>
    '监听套接字的半连接队列满时（SYN flood，或同时到来的连接超过 net.ipv4.tcp_max_syn_backlog 和 listen() backlog 的容量），' +
    'Linux 不再为每个 SYN 保存请求，而是用 SYN cookie 应答：SYN-ACK 的序列号编码了连接信息，客户端的最后一个 ACK 是唯一的状态' +
    '（tcp_conn_request → tcp_syn_flood_action、cookie_v4_init_sequence；内核日志为 "Possible SYN flooding on port …. Sending cookies"）。' +
    'cookie 让连接得以继续建立，但有代价：客户端的 MSS 被向下取整到四个值之一（IPv4 536、1300、1440、1460；IPv6 1220、1420、1440、8940）；' +
    '没有时间戳时窗口缩放和 SACK 会丢失（窗口最大 64 KB，丢包恢复变慢）；丢失的 SYN-ACK 服务器不会重传，只有客户端重传的 SYN 才会得到新的 SYN-ACK；' +
    '全连接（accept）队列满时最后的 ACK 会被丢弃（ListenOverflows）：客户端以为已连接，而服务器上没有这个连接，直到客户端后来的报文再次带上这个 cookie。' +
    'SYN-ACK 中携带的仍是服务器自己的 MSS，因此取整后的 MSS 在握手中看不到。' +
    (atServer
      ? '服务器端的抓包能看出服务器是否按自己的定时器重传了 SYN-ACK。'
      : '只有在服务器上抓的包才能看出服务器是否按自己的定时器重传 SYN-ACK；这个抓包看不出。'),
  tsval: (f) =>
    `${f.server}：在 ${grouped(f.judged)} 个不同的 SYN-ACK TSval 中，有 ${grouped(f.encoded)} 个在低位编码了 SYN 的选项（cookie_init_timestamp），` +
    `例如 TSval ${f.synAckTsval}（低位 0x${(f.synAckTsval & 0x3f).toString(16)}：${options(f.windowScale, f.sackPermitted)}）；` +
    `随机的 TSval 每 32 次才吻合 1 次，偶然吻合这么多次的概率：${chance(f.pChance)}（同一时钟刻度内的 SYN-ACK 共用一个 TSval，只算一次）。` +
    '若服务器恢复正常后 SYN-ACK 的低位仍不随 SYN 的选项变化，即可排除。',
  optionsLost: (f) =>
    `${f.server}：${grouped(f.lost)} 个不带时间戳的 SYN 提供了窗口缩放或 SACK，得到的 SYN-ACK 却两者都没有（不带时间戳的 cookie 无法保留它们），` +
    `而同一服务器的 ${grouped(f.kept)} 个 SYN-ACK 带有这些选项，说明服务器开启了它们。` +
    '若中间设备专门去掉发往无时间戳客户端的 SYN-ACK 中的这些选项，则可排除。',
  notRetransmitted: (f) =>
    `${f.server}：客户端最长沉默了 ${seconds(f.longestSilenceSeconds)} 秒，服务器却从未重传 ${grouped(f.notRetransmitted)} 个 SYN-ACK` +
    '（请求套接字会在 1 秒后重传 SYN-ACK，reqsk_timer_handler；cookie 不保留请求套接字，只有客户端重传的 SYN 才得到 SYN-ACK）。' +
    (f.retransmitted > 0
      ? `同一服务器按定时器重传了另外 ${grouped(f.retransmitted)} 个连接的 SYN-ACK，因此 net.ipv4.tcp_synack_retries 不为 0。`
      : '若服务器的 net.ipv4.tcp_synack_retries 为 0（从不重传 SYN-ACK），则可排除。'),
  timerNotJudged:
    '服务器是否按自己的定时器重传丢失的 SYN-ACK（请求套接字会重传，cookie 不会），只有在服务器上抓的包才能看出。',
  fix:
    'cookie 是内核在保护自己：保持 net.ipv4.tcp_syncookies 开启（1），让队列容得下负载。' +
    '调大 net.ipv4.tcp_max_syn_backlog 和 net.core.somaxconn，给 listen() 更大的 backlog，并让应用更快地 accept；' +
    '如果是 SYN flood，在上游过滤。tcp_syncookies = 2 时内核会有意对每个 SYN 都发送 cookie。',
};
