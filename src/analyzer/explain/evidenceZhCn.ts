/** 引用证据文件（计数器、内核参数、监听套接字）的简体中文语句（evidenceTexts.ts）。 */
import type { EvidenceSaying } from '../evidence/causeEvidence.js';
import type { EvidenceTexts, CounterQuote, QuotedCounter } from './evidenceTexts.js';
import { grouped } from './format.js';

const SAYINGS: Record<EvidenceSaying, string> = {
  'listen-queue-not-paws': '是监听队列，不是时间戳',
  'listen-queue-and-paws': '监听队列溢出了，时间戳检查也拒绝了 SYN',
  'listen-queue-idle': '全连接队列和半连接队列都没有溢出：不是监听队列',
  'paws-rejected': '时间戳检查（tcp_peer_is_proven）拒绝了 SYN',
  'paws-idle': '时间戳检查没有拒绝任何 SYN：不是 PAWS',
  'listener-drops-other': 'SYN 在监听套接字被丢弃，但既不是监听队列也不是时间戳检查',
  'no-tcp-drop': '没有任何 TCP 丢弃计数增长：SYN 在 TCP 看到之前就被丢弃了（netfilter 规则不计入其中任何一个），不是监听队列，也不是 PAWS',
  'points-at-paws': '时间戳检查（tcp_tw_recycle）拒绝了 SYN，尽管抓包无法显示是哪些',
  'points-at-queue': '监听队列溢出了，尽管抓包显示丢弃时没有待接受的握手',
  'backlog-drop': '应用持有套接字锁期间有报文被丢弃（tcp_add_backlog）',
  'rp-filter-drop': '反向路径过滤（rp_filter）丢弃了报文',
  'conntrack-drops': '节点上 conntrack 插入失败或丢弃了连接：SNAT 源端口竞争或连接跟踪表已满',
  'conntrack-idle': '节点上 conntrack 没有丢弃任何连接：不是 SNAT 竞争，也不是表满',
  'synack-resent': '服务器重传了 SYN-ACK（tcp_rtx_synack）：它的应答没有得到确认',
  'synack-not-resent': '服务器没有重传 SYN-ACK（一秒内放弃的客户端不会留下重传）',
  'server-resets': '服务器内核发出了 RST（tcp_v4_send_reset）',
  'server-no-resets': '服务器没有发出任何 RST：这些 RST 来自另一台设备',
  'syn-cookies-sent': '半连接队列溢出，发出了 SYN cookie',
  'syn-cookies-idle': '没有发出任何 SYN cookie',
  'syn-cookies-failed': '有 ACK 携带了无效或过期的 SYN cookie',
  'time-wait-answers': 'SYN 或报文遇到了 TIME-WAIT 或已建立的套接字，得到的是 ACK 而不是 SYN-ACK',
  'time-wait-idle': '没有计数记录到 TIME-WAIT 的应答（序号落在套接字序号空间之下的 SYN 得到的 ACK 不计入任何计数）',
  'tw-recycle-on': 'tcp_tw_recycle 已开启：时间戳检查在运行',
  'tw-recycle-off': 'tcp_tw_recycle 已关闭：时间戳检查不运行',
  'tw-recycle-gone': '这个内核没有 tcp_tw_recycle（Linux 4.12 已移除）',
  'queue-full': '运行 ss 时全连接队列已满',
  'queue-room': '运行 ss 时全连接队列还有空间',
  'no-listener': '该端口上没有监听：是内核自己拒绝的',
};

function counterText({ name, value, perCpu }: QuotedCounter): string {
  const cpus = perCpu && perCpu.length > 1 ? `（${perCpu.map(({ cpu, value: n }) => `cpu${cpu} ${grouped(n)}`).join('，')}）` : '';
  return `\`${name}\` ${grouped(value)}${cpus}`;
}

function spanText(quote: CounterQuote): string {
  if (quote.span === 'interval') return `（${quote.fromFile} 与 ${quote.file} 之间）`;
  if (quote.span === 'nstat') return `（${quote.file}，自 nstat 上次运行以来）`;
  return `（${quote.file}，自开机以来）`;
}

function quoteText(quote: CounterQuote): string {
  const counted = quote.counted.map(counterText).join('、');
  const present = quote.zero.filter((z) => !z.absent).map((z) => `\`${z.name}\``);
  const absent = quote.zero.filter((z) => z.absent).map((z) => `\`${z.name}\``);
  const zeroText = [
    present.length === 0 ? '' : `${present.join('、')} 为 0`,
    absent.length === 0 ? '' : `这个内核没有 ${absent.join('、')} 计数`,
  ].filter((part) => part !== '').join('，');
  if (counted === '') return zeroText;
  return zeroText === '' ? counted : `${counted}，而 ${zeroText}`;
}

export const evidenceZhCn: EvidenceTexts = {
  counterLine: (quote, says) => `${quoteText(quote)}${spanText(quote)}：${SAYINGS[says]}。`,
  settingLine: (quote, says) => {
    const setting = quote.value === null
      ? `${quote.file} 中没有 \`${quote.key}\`${quote.kernel ? `（内核 ${quote.kernel}）` : ''}`
      : `${quote.file} 中 \`${quote.key} = ${quote.value}\``;
    return `${setting}：${SAYINGS[says]}。`;
  },
  listenerLine: (quote, says) => {
    const socket = quote.socket;
    const where = socket === null
      ? `${quote.file} 中端口 ${quote.ports.join('、')} 上没有 LISTEN 套接字`
      : `${quote.file} 中 ${socket.address}:${socket.port}${socket.process ? ` ${socket.process}` : ''} 的监听套接字排队 ` +
        `${grouped(socket.recvQ)} 个连接（Recv-Q），backlog 为 ${grouped(socket.sendQ)}（Send-Q）`;
    return `${where}：${SAYINGS[says]}。`;
  },
  wentDown: (name, before, after, fromFile, file) =>
    `\`${name}\` 从 ${fromFile} 中的 ${grouped(before)} 降到 ${file} 中的 ${grouped(after)}：计数被重置（重启）或两个文件来自两台主机；不做相减。`,
  sinceBootOnly: '这些是自开机以来的计数，可能在抓包之前就已增长：单凭它们不能证实什么。',
  confidenceMoved: (from, to) => `仅凭抓包，置信度为 ${from}；结合证据文件，为 ${to}。`,
  rejected: (r) => {
    if (r.reason === 'too-large') return `${r.path}：大于 16 MiB，不作为证据读取`;
    const at = r.line === null ? '文件为空' : `第 ${r.line} 行 "${r.text}"`;
    const what = r.reason === 'not-evidence'
      ? '不是 netstat -s、nstat、sysctl、conntrack -S 或 ss -lnt 的输出'
      : '没有分析能读取的内容';
    return `${r.path}：${at}${what}；分析在没有它的情况下继续`;
  },
  unknownHost: (path) =>
    `${path}：不知道它取自哪台主机（请写成 server=${path}、node=${path} 或 client=${path}，或在文件名中注明）；它会被引用，但不影响结论`,
};
