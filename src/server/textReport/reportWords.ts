/** The words of the text report and its hovers that are not explanations (those come from the analyzer). */
import { grouped as n } from '../../analyzer/explain/format.js';
import type { Lang } from '../../analyzer/explain/language.js';

export interface ReportWords {
  title(path: string, role: string): string;
  pairedWith(path: string): string;
  clockOffset(medianMs: number, spreadMs: number, pairs: number): string;
  counts(packets: number, attempts: number, passed: number, failed: number, unknown: number): string;
  serverSection(attempts: number, failed: number): string;
  diagnoses: string;
  warning: string;
  notShown(count: number): string;
  /** The servers after the report's last section: listed by the capture editor and its breakdown. */
  serversNotShown(servers: number, attempts: number, failed: number): string;
  tsvalHover(tsval: number): string;
  wiresharkFilterAction: string;
}

const en: ReportWords = {
  title: (path, role) => `Handshake Lens report: ${path} (${role})`,
  pairedWith: (path) => `Paired with the server capture ${path}`,
  clockOffset: (median, spread, pairs) => `Server clock minus client clock: ${median.toFixed(1)} ms ± ${spread.toFixed(1)} ms over ${n(pairs)} SYNs`,
  counts: (packets, attempts, passed, failed, unknown) => `${n(packets)} packets, ${n(attempts)} attempts: ${n(passed)} passed, ${n(failed)} failed, ${n(unknown)} unknown`,
  serverSection: (attempts, failed) => `${n(attempts)} attempts, ${n(failed)} failed`,
  diagnoses: 'Diagnoses',
  warning: 'Warning',
  notShown: (count) => `… ${n(count)} more attempts; the capture editor shows them all`,
  serversNotShown: (servers, attempts, failed) => `… ${n(servers)} more servers, ${n(attempts)} attempts, ${n(failed)} failed; the capture editor shows them all`,
  tsvalHover: (tsval) =>
    `TSval ${tsval}: the TCP timestamp value of the SYN, from the sender's timestamp clock. ` +
    'With tcp_tw_recycle, a server drops a SYN whose TSval is behind the last one it remembered from the same address.',
  wiresharkFilterAction: 'Copy Wireshark filter',
};

const zhCn: ReportWords = {
  title: (path, role) => `Handshake Lens 报告：${path}（${role}）`,
  pairedWith: (path) => `已与服务器端抓包 ${path} 关联`,
  clockOffset: (median, spread, pairs) => `服务器时钟减客户端时钟：${median.toFixed(1)} ms ± ${spread.toFixed(1)} ms（基于 ${n(pairs)} 个 SYN）`,
  counts: (packets, attempts, passed, failed, unknown) => `${n(packets)} 个包，${n(attempts)} 次连接尝试：成功 ${n(passed)}，失败 ${n(failed)}，未知 ${n(unknown)}`,
  serverSection: (attempts, failed) => `${n(attempts)} 次尝试，失败 ${n(failed)}`,
  diagnoses: '诊断',
  warning: '警告',
  notShown: (count) => `…… 另有 ${n(count)} 次尝试未列出；抓包编辑器中可查看全部`,
  serversNotShown: (servers, attempts, failed) => `…… 另有 ${n(servers)} 个服务器未列出（${n(attempts)} 次尝试，失败 ${n(failed)}）；抓包编辑器中可查看全部`,
  tsvalHover: (tsval) =>
    `TSval ${tsval}：SYN 的 TCP 时间戳值，来自发送方的时间戳时钟。` +
    '开启 tcp_tw_recycle 时，服务器会丢弃 TSval 落后于它从同一地址记住的时间戳的 SYN。',
  wiresharkFilterAction: '复制 Wireshark 过滤器',
};

export function reportWords(lang: Lang): ReportWords {
  return lang === 'zh-cn' ? zhCn : en;
}
