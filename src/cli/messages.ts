/**
 * Every string the command line shows a person, in English and Simplified Chinese (the engineers who
 * meet the NAT/PAWS failure often write about it in Chinese). Machine formats (JSON, CSV) are not
 * translated.
 */

import { grouped, plural } from '../analyzer/explain/format.js';
import { languageOf, type Lang } from '../analyzer/explain/language.js';
import { DEFAULT_ROW_LIMIT } from '../analyzer/rowLimit.js';

export interface Messages {
  usage: string;
  tryHelp: string;
  unknownOption(option: string): string;
  missingValue(option: string): string;
  badValue(option: string, value: string, allowed: readonly string[]): string;
  badRowCount(option: string, value: string): string;
  unknownCommand(command: string): string;
  missingCommand: string;
  missingCapture(command: string): string;
  badAttemptIds(value: string): string;
  notFor(option: string, command: string): string;
  exportSelection: string;
  exportOutput: string;
  unknownAttempts(file: string, ids: readonly number[]): string;
  exported(packets: number, attempts: number, path: string): string;
  extraArgument(argument: string): string;
  cannotOpen(reason: string): string;
  internalError(message: string): string;
  progress(file: string, percent: number): string;
  progressBytes(file: string, bytes: number): string;
  stdinInSet: string;
  stdinOnce: string;
  followOne: string;
  followFormat: string;
  exportNeedsFile: string;
  /** The line `--follow` writes every few seconds and at the end. */
  followSummary(file: string, attempts: number, passed: number, failed: number, open: number, packets: number): string;
  columns: { id: string; client: string; server: string; synTime: string; syns: string; rtt: string; verdict: string; outcome: string; cause: string; path: string };
  /** A point of a capture that holds both sides of a NAT, in the path column. */
  natSides: { 'before-nat': string; 'after-nat': string };
  verdicts: { pass: string; fail: string; unknown: string };
  noHandshakes: string;
  noFailures: string;
  captureLine(path: string, role: string, format: string, linkTypes: string): string;
  countsLine(packets: string, tcpPackets: string, seconds: string): string;
  attemptsLine(attempts: string, passed: string, failed: string, unknown: string): string;
  midstreamLine(midstream: string, retransmissions: string): string;
  failuresByServer: string;
  /** After the first failing servers: how many more had failures. */
  moreFailingServers(count: string): string;
  /** A list cut short: its first items, and how many more there are. */
  andMore(listed: string, count: string): string;
  warning: string;
  roles: { single: string; client: string; server: string };
  diagnosesHeading: string;
  evidence: string;
  ruledOutBy: string;
  fix: string;
  handshakesLabel: string;
}

const USAGE_EN = `usage: handshake-lens analyze <capture> [<capture>...] [--server <capture>] [--evidence [host=]<file>]... [--format table|json|csv|markdown|ndjson] [--failed] [--max-rows N] [--lang en|zh-cn]
       handshake-lens analyze --set <file>... [--server <file>...] [options]
       handshake-lens analyze <file>|- --follow [--format table|ndjson] [options]
       handshake-lens export <capture> --failed|--attempts <ids> -o <file.pcapng> [--lang en|zh-cn]
       handshake-lens export --set <file>... --failed|--attempts <ids> -o <file.pcapng>
       handshake-lens --help | --version

Lists every TCP connection attempt in a packet capture (.pcap, .pcapng, .cap, also compressed with
gzip, zstd or lz4) with a pass/fail verdict, and explains why failed handshakes failed.

  <capture>           a file, a folder (its captures are one capture set), or - for standard input;
                      several captures (pods, node, routers, server) are put in path order, each
                      attempt one row with the path it took
  --server <capture>  the capture taken at the server side of the same traffic, to correlate with;
                      given more than once, or a folder, the server side is a capture set
  --set               the files given (a tcpdump -C/-W ring, a -G rotation, a shell glob) are one capture,
                      read in the order of their first packets; with --set, --server takes every file
                      up to the next option: --set client/cap* --server server/cap*
  --follow            read a capture that is still being written (tcpdump -U -w FILE, or - from a pipe),
                      print each attempt once its verdict is decided, a summary line on stderr every
                      few seconds, and the diagnoses at the end (Ctrl+C, or the end of the pipe)
  --evidence [host=]<file>
                      netstat -s, nstat, sysctl -a, conntrack -S or ss -lnt output, read as evidence
                      for the causes (repeatable; two snapshots of one host's counters are read as
                      their difference); host is server, node or client, else taken from the file's
                      name (nstat-server-after.txt); a file of an unknown host weighs nothing
  --format <format>   table (default), json (the documented contract), csv, markdown, or ndjson (one
                      handshake object per line, the fields of the json's handshakes)
  --failed            show only the failed attempts
  --max-rows <N>      list at most the first N connection attempts of a capture (default ${DEFAULT_ROW_LIMIT});
                      later ones are only counted in the summary, with an attempts-limit warning
  --lang <language>   en or zh-cn (default: from LC_ALL / LC_MESSAGES / LANG)

export writes the packets of attempts to a new pcapng file, with a comment naming them; from a capture
set (a folder, or --set) the packets of all its files, in the set's time order (as mergecap -a):
  --failed            the packets of every failed attempt
  --attempts <ids>    the packets of the attempts with these ids, for example 3,7,12
  -o, --output <file> the pcapng file to write (replaced if it exists)

Exit status: 0 when the captures were analysed, 2 for unreadable files and usage errors.`;

const USAGE_ZH = `用法: handshake-lens analyze <抓包文件> [<抓包文件>...] [--server <抓包文件>] [--evidence [主机=]<文件>]... [--format table|json|csv|markdown|ndjson] [--failed] [--max-rows N] [--lang en|zh-cn]
      handshake-lens analyze --set <文件>... [--server <文件>...] [选项]
      handshake-lens analyze <文件>|- --follow [--format table|ndjson] [选项]
      handshake-lens export <抓包文件> --failed|--attempts <编号> -o <文件.pcapng> [--lang en|zh-cn]
      handshake-lens export --set <文件>... --failed|--attempts <编号> -o <文件.pcapng>
      handshake-lens --help | --version

列出抓包文件 (.pcap, .pcapng, .cap, 也可以是 gzip、zstd 或 lz4 压缩的) 中的每一次 TCP 连接尝试及其成功/失败结论,
并解释失败的握手为什么失败。

  <抓包文件>           一个文件, 一个文件夹 (其中的抓包作为一个抓包文件集), 或 - 表示标准输入;
                       多个抓包 (Pod、节点、路由器、服务器) 会按路径排序, 每次连接尝试一行并列出其经过的路径
  --server <抓包文件>  同一流量在服务器端的抓包, 用于关联分析; 给出多次或给出文件夹时, 服务器端是一个抓包文件集
  --set                给出的文件 (tcpdump -C/-W 的环形文件, -G 的轮转文件, shell 通配符) 是同一个抓包,
                       按各文件第一个数据包的时间顺序读取; 使用 --set 时, --server 取到下一个选项之前的所有文件:
                       --set client/cap* --server server/cap*
  --follow             读取仍在写入的抓包 (tcpdump -U -w 文件, 或管道中的 -), 每次连接尝试一有结论就输出,
                       每隔几秒在 stderr 输出一行摘要, 结束时 (Ctrl+C 或管道结束) 输出诊断
  --evidence [主机=]<文件>
                       netstat -s、nstat、sysctl -a、conntrack -S 或 ss -lnt 的输出, 作为原因的证据
                       (可重复; 同一主机计数器的两份快照按其差值读取); 主机为 server、node 或 client,
                       否则从文件名判断 (nstat-server-after.txt); 主机未知的文件不影响结论
  --format <格式>      table (默认), json (有文档的契约), csv, markdown, 或 ndjson (每行一个握手对象,
                       字段与 json 的 handshakes 相同)
  --failed             只显示失败的连接尝试
  --max-rows <N>       每个抓包最多列出前 N 次连接尝试 (默认 ${DEFAULT_ROW_LIMIT});
                       之后的只计入摘要, 并给出 attempts-limit 警告
  --lang <语言>        en 或 zh-cn (默认取自 LC_ALL / LC_MESSAGES / LANG)

export 把连接尝试的数据包写入一个新的 pcapng 文件, 并附注释列出这些尝试; 对抓包文件集 (文件夹或 --set)
按文件集的时间顺序写入其所有文件中的数据包 (与 mergecap -a 相同):
  --failed             所有失败的连接尝试的数据包
  --attempts <编号>    这些编号的连接尝试的数据包, 例如 3,7,12
  -o, --output <文件>  要写入的 pcapng 文件 (已存在则覆盖)

退出状态: 分析完成为 0, 文件无法读取或用法错误为 2。`;

const en: Messages = {
  usage: USAGE_EN,
  tryHelp: "Try 'handshake-lens --help'.",
  unknownOption: (option) => `unknown option ${option}`,
  missingValue: (option) => `${option} needs a value`,
  badValue: (option, value, allowed) => `${option} must be one of ${allowed.join(', ')}, not '${value}'`,
  badRowCount: (option, value) => `${option} must be a whole number of at least 1, not '${value}'`,
  unknownCommand: (command) => `unknown command '${command}'`,
  missingCommand: 'a command is needed: analyze <capture> or export <capture>',
  missingCapture: (command) => `${command} needs a capture file`,
  badAttemptIds: (value) => `--attempts must be attempt ids separated by commas, such as 3,7,12, not '${value}'`,
  notFor: (option, command) => `${option} does not apply to ${command}`,
  exportSelection: 'export needs either --failed or --attempts <ids>',
  exportOutput: 'export needs -o <file.pcapng>',
  unknownAttempts: (file, ids) => `${file}: no attempt ${ids.join(', ')} in this capture`,
  exported: (packets, attempts, path) => `wrote ${plural(packets, 'packet', 'packets')} of ${plural(attempts, 'attempt', 'attempts')} to ${path}`,
  extraArgument: (argument) => `unexpected argument '${argument}'`,
  cannotOpen: (reason) => `cannot open: ${reason}`,
  internalError: (message) => `internal error: ${message}`,
  progress: (file, percent) => `reading ${file}: ${percent}%`,
  progressBytes: (file, bytes) => `reading ${file}: ${megabytes(bytes)} MB`,
  stdinInSet: "standard input ('-') cannot be a file of a capture set",
  stdinOnce: "standard input ('-') can be read once: give it to one side only",
  followOne: '--follow reads one capture (a file and the files that rotation puts after it, or standard input), and with --server one server capture file, without --set',
  followFormat: '--follow prints each attempt as it is decided: --format table or ndjson',
  exportNeedsFile: 'export reads the capture twice, so it needs capture files, not standard input',
  followSummary: (file, attempts, passed, failed, open, packets) =>
    `${file}: ${plural(packets, 'packet', 'packets')}, ${plural(attempts, 'attempt', 'attempts')} decided (${grouped(passed)} passed, ${grouped(failed)} failed), ${grouped(open)} not yet decided`,
  columns: { id: 'ID', client: 'CLIENT', server: 'SERVER', synTime: 'SYN TIME (UTC)', syns: 'SYNS', rtt: 'RTT ms', verdict: 'VERDICT', outcome: 'OUTCOME', cause: 'CAUSE', path: 'PATH' },
  natSides: { 'before-nat': 'before NAT', 'after-nat': 'after NAT' },
  verdicts: { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN' },
  noHandshakes: 'No TCP connection attempts in this capture.',
  noFailures: 'No failed connection attempts.',
  captureLine: (path, role, format, linkTypes) => `${path} (${role}, ${format}, ${linkTypes})`,
  countsLine: (packets, tcpPackets, seconds) => `${packets} packets, ${tcpPackets} TCP, over ${seconds} s`,
  attemptsLine: (attempts, passed, failed, unknown) => `${attempts} connection attempts: ${passed} passed, ${failed} failed, ${unknown} unknown`,
  midstreamLine: (midstream, retransmissions) => `${midstream} connections already open (no SYN), ${retransmissions} SYN retransmissions`,
  failuresByServer: 'failures by server:',
  moreFailingServers: (count) => `… and ${count} more servers with failures`,
  andMore: (listed, count) => `${listed} and ${count} more`,
  warning: 'warning',
  roles: { single: 'capture', client: 'client side', server: 'server side' },
  diagnosesHeading: 'Why they failed',
  evidence: 'Evidence',
  ruledOutBy: 'Ruled out by',
  fix: 'Fix',
  handshakesLabel: 'handshakes',
};

const zhCn: Messages = {
  usage: USAGE_ZH,
  tryHelp: "请运行 'handshake-lens --help' 查看用法。",
  unknownOption: (option) => `未知选项 ${option}`,
  missingValue: (option) => `${option} 需要一个值`,
  badValue: (option, value, allowed) => `${option} 必须是 ${allowed.join(', ')} 之一, 而不是 '${value}'`,
  badRowCount: (option, value) => `${option} 必须是不小于 1 的整数, 而不是 '${value}'`,
  unknownCommand: (command) => `未知命令 '${command}'`,
  missingCommand: '需要一个命令: analyze <抓包文件> 或 export <抓包文件>',
  missingCapture: (command) => `${command} 需要一个抓包文件`,
  badAttemptIds: (value) => `--attempts 必须是用逗号分隔的连接尝试编号, 例如 3,7,12, 而不是 '${value}'`,
  notFor: (option, command) => `${option} 不适用于 ${command}`,
  exportSelection: 'export 需要 --failed 或 --attempts <编号> 之一',
  exportOutput: 'export 需要 -o <文件.pcapng>',
  unknownAttempts: (file, ids) => `${file}: 此抓包中没有连接尝试 ${ids.join(', ')}`,
  exported: (packets, attempts, path) => `已把 ${attempts} 次连接尝试的 ${packets} 个数据包写入 ${path}`,
  extraArgument: (argument) => `多余的参数 '${argument}'`,
  cannotOpen: (reason) => `无法打开: ${reason}`,
  internalError: (message) => `内部错误: ${message}`,
  progress: (file, percent) => `正在读取 ${file}: ${percent}%`,
  progressBytes: (file, bytes) => `正在读取 ${file}: ${megabytes(bytes)} MB`,
  stdinInSet: "标准输入 ('-') 不能作为抓包文件集的一个文件",
  stdinOnce: "标准输入 ('-') 只能读取一次: 只能用于一侧",
  followOne: '--follow 只读取一个抓包 (一个文件及轮转在其后产生的文件, 或标准输入), 加 --server 时再读取一个服务器端抓包文件, 不能与 --set 一起使用',
  followFormat: '--follow 在每次连接尝试有结论时即输出: 只能用 --format table 或 ndjson',
  exportNeedsFile: 'export 要读取抓包两次, 所以需要抓包文件, 而不是标准输入',
  followSummary: (file, attempts, passed, failed, open, packets) =>
    `${file}: ${grouped(packets)} 个数据包, 已有结论的连接尝试 ${grouped(attempts)} 次 (通过 ${grouped(passed)} 次, 失败 ${grouped(failed)} 次), 尚无结论 ${grouped(open)} 次`,
  columns: { id: '编号', client: '客户端', server: '服务器', synTime: 'SYN 时间 (UTC)', syns: 'SYN 数', rtt: 'RTT 毫秒', verdict: '结论', outcome: '结果', cause: '原因', path: '路径' },
  natSides: { 'before-nat': 'NAT 之前', 'after-nat': 'NAT 之后' },
  verdicts: { pass: '通过', fail: '失败', unknown: '未知' },
  noHandshakes: '此抓包中没有 TCP 连接尝试。',
  noFailures: '没有失败的连接尝试。',
  captureLine: (path, role, format, linkTypes) => `${path} (${role}, ${format}, ${linkTypes})`,
  countsLine: (packets, tcpPackets, seconds) => `${packets} 个数据包, 其中 TCP ${tcpPackets} 个, 时长 ${seconds} 秒`,
  attemptsLine: (attempts, passed, failed, unknown) => `${attempts} 次连接尝试: ${passed} 次通过, ${failed} 次失败, ${unknown} 次未知`,
  midstreamLine: (midstream, retransmissions) => `${midstream} 个连接在抓包开始前已建立 (无 SYN), SYN 重传 ${retransmissions} 次`,
  failuresByServer: '各服务器的失败情况:',
  moreFailingServers: (count) => `…… 另有 ${count} 个服务器有失败`,
  andMore: (listed, count) => `${listed} 等, 另有 ${count} 个`,
  warning: '警告',
  roles: { single: '抓包', client: '客户端侧', server: '服务器侧' },
  diagnosesHeading: '失败原因',
  evidence: '证据',
  ruledOutBy: '可排除它的情形',
  fix: '解决办法',
  handshakesLabel: '握手',
};

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

export function messagesFor(language: Lang): Messages {
  return language === 'zh-cn' ? zhCn : en;
}

/** The language of the environment, as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG. */
export function languageFromEnvironment(env: NodeJS.ProcessEnv): Lang {
  return languageOf(env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? 'en';
}
