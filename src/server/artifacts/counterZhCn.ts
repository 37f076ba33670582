/** netstat -s / nstat 诊断与悬停提示的简体中文文本。计数器名和 netstat 原文保留英文，便于对照输出。 */
import { grouped } from '../../analyzer/explain/format.js';
import type { CounterSpan, CounterTexts, ListenDropFacts } from './texts.js';

const when = (span: CounterSpan) => (span === 'since-boot' ? '自开机以来' : '在这次 nstat 读数中');
const known = (n: number | null) => (n === null ? '未显示' : grouped(n));

const dropsOpening = (f: ListenDropFacts) =>
  `${when(f.span)}监听套接字共丢弃了 ${grouped(f.drops)} 个 SYN（ListenDrops）；其中全连接队列溢出：${known(f.overflows)}，因时间戳被拒绝：${known(f.paws)}。`;

export const counterZhCn: CounterTexts = {
  pawsPassive: (n, span) =>
    `${when(span)}有 ${grouped(n)} 个 SYN 因 TCP 时间戳被拒绝（PAWSPassive）：这台主机开启了 net.ipv4.tcp_tw_recycle = 1，` +
    '会静默丢弃时间戳比它记住的该地址上次时间戳更旧的 SYN。NAT 后面的客户端各有各的时间戳时钟，因此会随机连接失败。请设置 net.ipv4.tcp_tw_recycle = 0。',
  pawsActive: (n) =>
    `本机发起的连接中有 ${grouped(n)} 个 SYN-ACK 被拒绝，因为它们回显了本机从未发送过的时间戳（PAWSActive）：` +
    '中间设备改写了 TCP 时间戳，或者是同一端口上旧连接残留的 SYN-ACK。连接要等 SYN 重传。',
  pawsEstablished: (n) =>
    `已建立连接上有 ${grouped(n)} 个报文段被时间戳检查当作旧的重复报文丢弃（PAWSEstab）。` +
    '少量属于正常；如果路径上有 NAT 且数量很多，说明时钟不同的多台主机共用了一个地址。它本身不会导致握手失败。',
  listenDropsPaws: (f) =>
    `${dropsOpening(f)}大部分丢弃不是队列溢出，而时间戳检查拒绝过 SYN：很可能是 tcp_tw_recycle 导致的。请设置 net.ipv4.tcp_tw_recycle = 0。`,
  listenDropsOverflow: (f) =>
    `${dropsOpening(f)}几乎全部丢弃都是全连接队列溢出：应用 accept 太慢，或者 listen 时的 backlog 太小。` +
    '请调大 net.core.somaxconn 和应用传给 listen() 的 backlog，或让应用更快地 accept。',
  listenDropsOther: (f) =>
    `${dropsOpening(f)}其余的丢弃另有原因：半连接队列满且未开启 SYN cookies（TCPReqQFullDrop）、` +
    'tcp_tw_recycle（PAWSPassive）、内存压力或安全模块。请在连接失败期间取两次读数对比。',
  listenOverflows: (n) =>
    `监听套接字的全连接队列满了 ${grouped(n)} 次（ListenOverflows）：已完成握手的连接在等待 accept()，新的 SYN 或最后一个 ACK 被丢弃。` +
    '请调大 net.core.somaxconn 和 listen() 的 backlog，或让应用更快地 accept。',
  synQueueFullDrop: (n) =>
    `有 ${grouped(n)} 个 SYN 因半连接队列已满、SYN cookies 关闭或不可用而被丢弃（TCPReqQFullDrop）；` +
    '内核日志会出现 "Possible SYN flooding on port …. Dropping request"。请开启 net.ipv4.tcp_syncookies，或调大 tcp_max_syn_backlog 和 backlog。',
  syncookiesSent: (n) =>
    `半连接队列溢出，改为发送了 ${grouped(n)} 个 SYN cookie（SyncookiesSent）：遭遇了 SYN flood，或者 backlog 相对负载太小。` +
    '这些连接能建立，但可能失去窗口扩大和 SACK。',
  syncookiesFailed: (n) =>
    `发往监听套接字的 ${grouped(n)} 个 ACK 携带了无效或过期的 SYN cookie（SyncookiesFailed），这些连接没有建立。`,
  backlogDrop: (n) =>
    `有 ${grouped(n)} 个报文段因应用持有套接字锁期间 backlog 已满而被丢弃（TCPBacklogDrop）：` +
    '这是已建立连接的接收压力，与监听队列无关。',
  noRoute: (n) =>
    `有 ${grouped(n)} 个发出的报文因缺少路由被丢弃（OutNoRoutes）。` +
    '如果其中有发给某些客户端的 SYN-ACK，这些客户端永远收不到应答：请检查回到客户端网段的路由。',
  rpFilterDrop: (n) =>
    `有 ${grouped(n)} 个报文被反向路径过滤丢弃（IPReversePathFilter）：存在非对称路由时，SYN 或 SYN-ACK 会凭空消失。` +
    '请对照路由表检查 net.ipv4.conf.*.rp_filter。',
  timeWaitOverflow: (n) =>
    `TIME-WAIT 表满了 ${grouped(n)} 次（TCPTimeWaitOverflow，net.ipv4.tcp_max_tw_buckets）：这些套接字没有经过 TIME-WAIT 就关闭了。`,
  counters: {
    OutNoRoutes: {
      summary: '因没有通往目的地址的路由而被丢弃的发出 IP 报文（Ip 段的 "dropped because of missing route"）。',
      handshakes: '服务器没有回到某个客户端网段的路由时，SYN-ACK 就丢在这里：SYN 到了，应答却发不出去。',
    },
    AttemptFails: {
      summary: '从 SYN-SENT 或 SYN-RECV 直接进入 CLOSED、或从 SYN-RECV 回到 LISTEN 的连接（Tcp 段的 "failed connection attempts"）。',
      handshakes: '连接被拒绝（SYN 收到 RST）或握手被放弃时增长；这是总体信号，不是原因。',
    },
    PAWSPassive: {
      summary: '因 TCP 时间戳比记住的该对端地址的时间戳更旧而被监听套接字拒绝的 SYN（"passive connections rejected because of time stamp"）。',
      handshakes: '只有 net.ipv4.tcp_tw_recycle = 1（Linux 3.x 到 4.11）会这样拒绝 SYN：即 NAT/PAWS 丢包。每次拒绝也计入 ListenDrops；客户端收不到应答，只能重传 SYN。',
    },
    PAWSActive: {
      summary: '本机发起的连接上，因回显了本机从未发送的时间戳而被拒绝的 SYN-ACK（"active connections rejected because of time stamp"）。',
      handshakes: '说明有中间设备改写 TCP 时间戳，或有残留的旧 SYN-ACK；客户端会重传 SYN。',
    },
    PAWSEstab: {
      summary: '已建立连接上被时间戳检查（PAWS）当作旧重复报文丢弃的报文段（"packets rejects in established connections because of timestamp"）。',
      handshakes: '本身不是握手失败；路径上有 NAT 且数量很多时，说明时钟不同的主机共用了一个地址。',
    },
    TWRecycled: {
      summary: '新的出向连接复用了仍处于 TIME-WAIT 的本地端口（"time wait sockets recycled by time stamp"）。',
      handshakes: '名字虽然如此，它统计的是出向连接上的 tcp_tw_reuse，而不是 tcp_tw_recycle；它不会丢弃收到的 SYN。',
    },
    ListenOverflows: {
      summary: '已完成握手的连接遇到监听套接字的全连接队列已满的次数（"times the listen queue of a socket overflowed"）。',
      handshakes: '应用调用 accept() 不够快，或 listen 的 backlog 太小（受 net.core.somaxconn 限制）。每次溢出也计入 ListenDrops。',
    },
    ListenDrops: {
      summary: '监听套接字丢弃的所有 SYN（或最后一个 ACK），不论原因（"SYNs to LISTEN sockets dropped"）。',
      handshakes: '它是各种原因之和：全连接队列溢出（ListenOverflows）、时间戳拒绝（PAWSPassive）、半连接队列满、内存不足。' +
        '远大于 ListenOverflows 且 PAWSPassive > 0 说明是 tcp_tw_recycle；与 ListenOverflows 大致相等说明是全连接队列满。',
    },
    TCPBacklogDrop: {
      summary: '应用持有套接字锁期间排队的报文（套接字 backlog）超过收发缓冲区而被丢弃的报文段。',
      handshakes: '名字虽然叫 backlog，但不是 listen 的 backlog：它关系到接收压力下的已建立连接，而不是握手。',
    },
    SyncookiesSent: {
      summary: '因半连接队列溢出而携带 SYN cookie 发出的 SYN-ACK（"SYN cookies sent"）。',
      handshakes: '遭遇 SYN flood 或 backlog 太小（tcp_max_syn_backlog、somaxconn）；连接仍能建立，但可能没有窗口扩大和 SACK。',
    },
    SyncookiesRecv: {
      summary: '携带有效 SYN cookie 的 ACK，每个都完成了一次连接（"SYN cookies received"）。',
      handshakes: '靠 SYN cookie 挺过半连接队列溢出的连接。',
    },
    SyncookiesFailed: {
      summary: '发往监听套接字、SYN cookie 校验失败的 ACK（"invalid SYN cookies received"）。',
      handshakes: 'cookie 过期后才到的 ACK 或无关的 ACK；这些连接没有建立。',
    },
    TCPReqQFullDrop: {
      summary: '因半连接队列已满、SYN cookies 关闭或不可用而被丢弃的 SYN。',
      handshakes: 'SYN 无应答的直接原因之一；内核日志会出现 "Possible SYN flooding … Dropping request"。请开启 tcp_syncookies 或调大队列。',
    },
    TCPReqQFullDoCookies: {
      summary: '因半连接队列已满而用 SYN cookie 应答的 SYN。',
      handshakes: '半连接队列溢出了，但 SYN cookie 让握手得以继续。',
    },
    TCPTimeWaitOverflow: {
      summary: '因达到 net.ipv4.tcp_max_tw_buckets 而跳过 TIME-WAIT 的套接字（"TCP: time wait bucket table overflow"）。',
      handshakes: '不是握手失败；说明短连接很多，安全的调优是在客户端开启 tcp_tw_reuse，而不是 tcp_tw_recycle。',
    },
    IPReversePathFilter: {
      summary: '被反向路径过滤（net.ipv4.conf.*.rp_filter）丢弃的报文。',
      handshakes: '存在非对称路由或多网卡时，SYN 或 SYN-ACK 会在这里被丢弃，任何套接字计数都不会增长。',
    },
    OutRsts: {
      summary: '发出的带 RST 标志的 TCP 报文（Tcp 段的 "resets sent"）：tcp_v4_send_reset 为没有套接字接收的报文发出，tcp_send_active_reset 为本机中止的连接发出。',
      handshakes: '发往没有监听的端口的 SYN 由 tcp_v4_send_reset 回复 RST 并计入这里：这才是服务器自己拒绝的连接。防火墙以它的名义发出的 RST 不计入。',
    },
    TCPACKSkippedTimeWait: {
      summary: 'TIME-WAIT 套接字因窗口外报文的限速而没有发出的 ACK（tcp_timewait_state_process，net.ipv4.tcp_invalid_ratelimit）。',
      handshakes: '新的 SYN 遇到同一四元组的 TIME-WAIT 套接字而未被接受时，得到的是 ACK 而不是 SYN-ACK；这种情况多时，部分 ACK 被跳过并计入这里。',
    },
    TCPSynRetrans: {
      summary: '重传的 SYN 和 SYN-ACK（本机发出的 SYN 由 tcp_retransmit_skb 重传；SYN-ACK 由 tcp_rtx_synack 重传，来自请求定时器或收到重传的 SYN 时）。',
      handshakes: '在服务器上，客户端失败期间它增长，说明服务器的 SYN-ACK 没有得到确认：应答在回程丢失，或客户端从未收到。',
    },
    TCPChallengeACK: {
      summary: '发出的挑战 ACK（tcp_send_challenge_ack，RFC 5961）：对在意外状态下到达的 SYN 或 RST 的回应。',
      handshakes: '遇到已建立连接或无法重用的 TIME-WAIT 套接字的 SYN 得到的是 ACK 而不是 SYN-ACK；客户端随后发 RST 并重试。',
    },
  },
  spanNote: {
    'since-boot': 'netstat -s 的计数是自开机以来的累计值：在连接失败期间取两次读数对比，才能看出现在哪个在增长。',
    'nstat': 'nstat 显示的是自上次运行以来的增量（加 -a 时为自开机以来的累计值）。',
  },
  captureContext: ({ captureName, unansweredSyns, pawsPredictedDrops }) => {
    const capture = `打开的抓包${captureName ? ` ${captureName} ` : ''}`;
    if (unansweredSyns === undefined) {
      return pawsPredictedDrops === undefined ? null : `对${capture}进行 PAWS 重放，预计有 ${grouped(pawsPredictedDrops)} 个 SYN 被丢弃。`;
    }
    const shows = unansweredSyns === 0 ? `${capture}中没有未获应答的 SYN` : `${capture}中有 ${grouped(unansweredSyns)} 个 SYN 没有得到任何应答`;
    const replay = pawsPredictedDrops === undefined ? ''
      : unansweredSyns === 0 ? `；PAWS 重放预计有 ${grouped(pawsPredictedDrops)} 个 SYN 被丢弃`
        : `；PAWS 重放预计其中 ${grouped(pawsPredictedDrops)} 个被丢弃`;
    return `${shows}${replay}。`;
  },
  handshakesLabel: '与握手失败的关系',
};
