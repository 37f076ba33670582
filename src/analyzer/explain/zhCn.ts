/** 简体中文说明。术语沿用国内工程师的习惯写法：PAWS、tcp_tw_recycle、时间戳（TSval）、SYN、丢弃。 */
import { evidenceZhCn } from './evidenceZhCn.js';
import { captureTime, grouped, percent, probability, readableDuration, seconds, serversNamedZh } from './format.js';

const UNITS = { ms: 'ms', s: '秒', min: '分钟', h: '小时', days: '天' };
const behindBy = (ms: number | null) => readableDuration(ms ?? 0, UNITS);
import { pairCheckZhCn } from './pairCheckZhCn.js';
import { ruledOutZhCn } from './ruledOutZhCn.js';
import { slowConnectZhCn } from './slowConnectZhCn.js';
import { synCookieZhCn } from './synCookieZhCn.js';
import { timeWaitZhCn } from './timeWaitZhCn.js';
import type { LocationCode, Texts } from './texts.js';

const LOCATION_TITLE: Record<LocationCode, (count: number, servers: string) => string> = {
  'dropped-at-server': (n, s) => `${grouped(n)} 次连接的 SYN 到达了 ${s}，但服务器没有任何响应`,
  'lost-before-server': (n, s) => `${grouped(n)} 次连接的 SYN 没有到达服务器 ${s}`,
  'dropped-at-node': (n, s) => `发往 ${s} 的 ${grouped(n)} 次连接的 SYN 在到达服务器之前，死在两个抓包点之间的节点上`,
  'reply-lost': (n, s) => `${s} 回复了 ${grouped(n)} 次连接的 SYN-ACK，但客户端没有收到`,
  'refused': (n, s) => `${s} 用 RST 拒绝了 ${grouped(n)} 次连接`,
  'reset-by-middlebox': (n, s) => `发往 ${s} 的 ${grouped(n)} 次连接被服务器前面的设备重置，而不是被服务器重置`,
  'listen-overflow': (n, s) => `${s} 的监听队列满了：${grouped(n)} 次连接被丢弃或从未被接受`,
  'not-covered': (n) => `${grouped(n)} 次失败的连接不在服务器端抓包的时间范围内`,
  'unlocated': (n, s) => `到 ${s} 的 ${grouped(n)} 次连接没有收到响应，无法判断在哪里丢失`,
};

const LOCATION_EXPLANATION: Record<LocationCode, string> = {
  'dropped-at-node':
    'SYN 出现在节点转发之前的抓包中（Pod 内，或节点上 NAT 之前），却没有出现在路径上之后的、当时正在抓包的抓包点中：中间的节点（或路由器）丢弃了它。' +
    '在 Linux 节点上通常是 netfilter：FORWARD 链中的 DROP 规则、连接跟踪表已满，或 SNAT 竞争——两个同时发出的连接被分配了同一个 NAT 源端口，' +
    '后一个在插入 conntrack 表项时被丢弃（__nf_conntrack_confirm；conntrack -S 中的 insert_failed 和 drop 计数），其重传随后换用另一个端口并成功。',
  'dropped-at-server':
    'SYN 已经到达服务器（服务器端抓包里能看到），但服务器既没有回 SYN-ACK 也没有回 RST，说明是服务器上的内核或防火墙把它丢弃了：' +
    '全连接/半连接队列溢出（应用 accept 太慢）、iptables/nftables 的 DROP 规则、SYN flood 防护，或者 tcp_tw_recycle 的时间戳检查（下面的证据说明这里能否判断）。',
  'lost-before-server':
    '客户端发出了 SYN，但在同一时段运行的服务器端抓包里没有出现，说明它在路上丢了：中间的路由器或安全组丢弃，或者 NAT 节点上的 conntrack 表满了。',
  'reply-lost':
    '服务器回复了 SYN-ACK，但客户端没有收到，说明回程路径和去程不同：非对称路由、反向路径过滤（rp_filter）丢弃了回包，或者回程上的 conntrack 有问题。',
  'refused':
    '服务器（或它前面的防火墙）用 RST 回应了 SYN：该端口没有进程监听，或者防火墙规则 REJECT 了连接。',
  'reset-by-middlebox':
    '客户端收到了回应 SYN 的 RST，但这个 RST 不是服务器发的：同一时段运行的服务器端抓包里没有从服务器发出的 RST（往往连 SYN 都没有到达）。' +
    '是路上的某个设备以服务器的名义回应的：带 REJECT --reject-with tcp-reset 的防火墙规则、负载均衡或代理，或者 kube-proxy 拒绝了没有后端的 Service。服务器是否在监听与此无关。',
  'listen-overflow':
    '服务器的监听队列满了。当全连接（accept）队列里的连接数达到 backlog 的上限（listen(fd, backlog)，不超过 net.core.somaxconn）时，' +
    'Linux 会不做任何回应地丢弃新的 SYN（ListenOverflows、ListenDrops），也会丢弃已回复过 SYN-ACK 的握手的最后一个 ACK：客户端以为连接已建立，' +
    '服务器却不断重发 SYN-ACK，始终没有接受这个连接，客户端一直等不到应答或欢迎信息。抓包里两者同时出现：在服务器从未接受的握手挂起期间，SYN 没有得到回应。防火墙丢弃 SYN 时不会留下这样的握手。',
  'not-covered':
    '服务器端抓包没有覆盖这些连接发生的时刻（开始得晚、结束得早，或没有该端口的流量），无法判断它们在哪里失败。',
  'unlocated':
    'SYN 没有收到任何响应。只有一端的抓包，无法区分是路上丢了、被服务器丢弃了，还是服务器回了包但回程丢了。',
};

const LOCATION_FIX: Record<LocationCode, string | null> = {
  'dropped-at-server':
    '在服务器上查看连接失败期间哪个计数在增长：netstat -s 中的 "times the listen queue of a socket overflowed"、"SYNs to LISTEN sockets dropped"（ListenOverflows/ListenDrops）' +
    '说明 accept 队列满了（调大 backlog 和 net.core.somaxconn，或让应用更快地 accept）；DROP 规则的包计数增长说明是防火墙；内核日志里出现 "SYN flooding" 说明触发了 SYN flood 防护。',
  'dropped-at-node':
    '在证据指出的节点上（最后一个看到该 SYN 的抓包点与下一个没有看到它的抓包点之间），查看连接失败期间哪个计数在增长：' +
    'conntrack -S 中的 insert_failed 和 drop（SNAT 竞争：给 MASQUERADE/SNAT 规则加上 --random-fully）、dmesg 中的 "nf_conntrack: table full, dropping packet"' +
    '（调大 net.netfilter.nf_conntrack_max），以及 FORWARD 链中 DROP/REJECT 规则的包计数（iptables -vnL FORWARD）。',
  'lost-before-server':
    '沿着客户端到服务器的路径排查：沿途的安全组和防火墙；NAT 节点上的 conntrack 表（内核日志中的 "nf_conntrack: table full, dropping packet"，对比 nf_conntrack_count 和 nf_conntrack_max）。',
  'reply-lost':
    '排查服务器到客户端的回程：服务器去往客户端地址的路由、沿途主机的反向路径过滤（rp_filter）、回程上的 conntrack。',
  'refused':
    '确认服务确实在该地址和端口上监听，并检查服务器及其前面防火墙上的 REJECT 规则。',
  'reset-by-middlebox':
    '在客户端和服务器之间的设备上（防火墙、路由器、节点上的 iptables 和 kube-proxy 规则、安全组）查找拒绝这些连接的规则，而不是在服务器上：每发出一个 RST，该规则的包计数就会增长。',
  'listen-overflow':
    '让应用更快地 accept 连接（更多工作线程，accept() 之前不要做阻塞的工作），同时调大它传给 listen() 的 backlog 和 net.core.somaxconn' +
    '（以及 net.ipv4.tcp_max_syn_backlog）；保持 net.ipv4.tcp_syncookies=1，使半连接队列满时仍能应答。每丢弃一次，netstat -s 中的 ListenOverflows 就会增长。',
  'not-covered':
    '在两端同时抓包，并且抓足够长的时间，把失败的连接包含进去。',
  'unlocated':
    '同时在服务器端抓包，按服务器端口过滤而不是按客户端地址过滤（经过 NAT 后服务器看到的是另一个客户端地址），再把两份抓包关联起来分析。',
};

export const zhCn: Texts = {
  pawsTitle: (failed, server, suspected) => suspected
    ? `疑似 ${server} 开启了 tcp_tw_recycle 而丢弃 SYN（${grouped(failed)} 次连接失败），请在服务器端抓包确认`
    : `${server} 开启了 tcp_tw_recycle，因时间戳检查（PAWS）丢弃了 ${grouped(failed)} 次连接的 SYN`,
  pawsExplanation: (suspected) =>
    'Linux 3.x 到 4.11 在开启 net.ipv4.tcp_tw_recycle=1（且开启 TCP 时间戳）时，会按客户端 IP 记录：由服务器主动关闭的连接进入 TIME-WAIT 时，' +
    '最后收到的那个 TCP 时间戳（TSval）。此后 60 秒内，来自同一 IP 的 SYN 只要时间戳比记录的旧，内核就直接丢弃：不回 SYN-ACK，也不回 RST，' +
    '只有 netstat -s 里的 "passive connections rejected because of time stamp" 和 "SYNs to LISTEN sockets dropped" 计数会增长。' +
    '每台主机的时间戳时钟各不相同，多台主机共用一个出口 IP 时（NAT、Kubernetes 节点、负载均衡），时钟“落后”的主机发出的 SYN 被丢弃，其他主机却正常，' +
    '于是表现为连接时好时坏、重试有时能成功。每个连接都使用随机时间戳偏移的新内核，即使没有 NAT 也会触发同样的检查。' +
    (suspected ? '目前只有客户端的抓包，这只是怀疑；服务器端的抓包可以证实或排除。' : ''),
  pawsFix: (clientTimestampsHelp) =>
    '在服务器上关闭 tcp_tw_recycle：先用 sysctl -w 立即生效，再把所有将它设为 1 的配置行就地改掉：在 /etc/sysctl.d/ 下新建文件没有用，' +
    '因为在 Debian 和 RHEL 上 /etc/sysctl.conf 在 /etc/sysctl.d/ 之后加载，其中的设置会在重启时把它改回去。' +
    '该参数已在 Linux 4.12 中移除，新内核不存在这个问题。' +
    (clientTimestampsHelp
      ? '在客户端关闭 net.ipv4.tcp_timestamps 也能避免丢包，但会失去 PAWS 保护和 RTT 测量，不如改服务器的设置。'
      : '不要改为在客户端关闭 net.ipv4.tcp_timestamps：这台服务器（Linux 3.17 及以后）在时间戳记录有效期内同样丢弃不带时间戳的 SYN，本次抓包中就有这样的丢包。') +
    '修改后 netstat -s 中的上述计数将不再增长。',
  pawsCounts: (c) =>
    `按服务器的时间戳规则重放整个抓包，预测会有 ${grouped(c.predictedDrops)} 个 SYN 被丢弃；其中 ${grouped(c.predictedDropsUnanswered)} 个确实没有响应，` +
    `${grouped(c.predictedDropsAnswered)} 个得到了响应。没有响应的 SYN 共 ${grouped(c.unansweredSyns)} 个，其中 ${grouped(c.unansweredUnpredicted)} 个无法用该规则解释。`,
  pawsSyn: (f) => {
    const who = f.client === f.serverSees ? f.client : `${f.client}（在服务器端为 ${f.serverSees}）`;
    const behind = f.synTsval === null
      ? '没有携带时间戳，而'
      : `的 TSval 为 ${f.synTsval}，比 `;
    const tail = f.synTsval === null
      ? `${seconds(f.ageSeconds)} 秒前服务器关闭与 ${f.stampFrom} 的连接时（${captureTime(f.stampCloseTime)}）记录了 TSval ${f.stampTsval}：被丢弃。`
      : `${seconds(f.ageSeconds)} 秒前服务器关闭与 ${f.stampFrom} 的连接时（${captureTime(f.stampCloseTime)}）记录的 TSval ${f.stampTsval} ` +
        `落后 ${grouped(f.behindTicks ?? 0)} 个时钟单位（约 ${behindBy(f.behindMs)}）：被丢弃。`;
    return `${captureTime(f.time)} 来自 ${who} 的 SYN ${behind}${tail}` +
      (f.nearBoundary ? '该记录距 60 秒的有效期不到 1 秒，结论取决于内核的精确时间。' : '');
  },
  pawsBaseRate: (r) =>
    `与基准丢包率对比：规则判定丢弃的 SYN 中有 ${grouped(r.table.a)}/${grouped(r.table.a + r.table.b)} 个没有响应（${percent(r.dropUnansweredRate)}）；` +
    `在时间戳记录有效期内被规则放行的 SYN 中有 ${grouped(r.table.c)}/${grouped(r.table.c + r.table.d)} 个没有响应（${percent(r.acceptUnansweredRate)}）。` +
    `单侧 Fisher 精确检验：p = ${probability(r.pValue)}。`,
  pawsKernelRule: (v) => {
    const seen = `有 ${grouped(v.disagreeingUnanswered + v.disagreeingAnswered)} 个不带时间戳的 SYN 遇到了有效的时间戳记录：` +
      `${grouped(v.disagreeingUnanswered)} 个没有响应，${grouped(v.disagreeingAnswered)} 个得到响应`;
    switch (v.rule) {
      case '3.17+': return `${seen}；服务器丢弃了它们，与 Linux 3.17 及以后的内核一致。`;
      case 'pre-3.17': return `${seen}；服务器放行了它们，与 Linux 3.17 以前的内核（包括 CentOS 7 的 3.10）一致。`;
      case 'either': return v.disagreeingUnanswered + v.disagreeingAnswered === 0
        ? '没有不带时间戳的 SYN 遇到有效的时间戳记录，3.17 以前和以后的内核规则同样适用。'
        : `${seen}；两种内核规则都不能清楚地解释它们，因此不计入任何一方。`;
    }
  },
  pawsNotChecked: (timeWait, synCookie, cut) =>
    [
      timeWait > 0 ? `${grouped(timeWait)} 个 SYN 命中了同一连接的 TIME-WAIT 套接字，时间戳检查不会处理它们` : '',
      synCookie > 0 ? `${grouped(synCookie)} 个 SYN 以 SYN cookie 应答，跳过了该检查` : '',
      cut > 0 ? `${grouped(cut)} 个 SYN 的 TSval 被抓包长度（snaplen）截断，无法得知其时间戳` : '',
    ].filter((part) => part !== '').join('；') + '：这些 SYN 不计入任何一方。',
  pawsNotPredicted: '按服务器抓包重放 tcp_tw_recycle 的时间戳规则，这些 SYN 没有一个会被该规则丢弃。',
  pawsBaseRateRuledOut: (r) =>
    `tcp_tw_recycle 规则无法解释这些丢包：在时间戳记录有效期内被规则放行的 SYN 同样没有响应` +
    `（${grouped(r.table.c)}/${grouped(r.table.c + r.table.d)}，${percent(r.acceptUnansweredRate)}，而规则判定丢弃的为 ${percent(r.dropUnansweredRate)}；` +
    `单侧 Fisher 精确检验 p = ${probability(r.pValue)}）。服务器因其他原因丢弃 SYN，例如全连接队列已满。`,
  pawsCannotJudge: (reason, r) => '无法根据这份抓包判断 tcp_tw_recycle 的时间戳检查：' + {
    'no-timestamps': '没有任何 SYN 携带 TCP 时间戳，服务器不会记录抓包中可见的时间戳。',
    'tsval-cut': '抓包长度（snaplen）在时间戳之前截断了 SYN 的 TCP 选项；请用更大的抓包长度重新抓包（tcpdump -s 0）。',
    'no-time-wait': '服务器从未主动关闭连接，抓包中没有记录时间戳的过程（抓包开始前记录的时间戳仍可能在前 60 秒内导致丢包）。',
    'too-few': `规则判定丢弃的 SYN 确实没有响应（${grouped(r.table.a)}/${grouped(r.table.a + r.table.b)}），但在有效的时间戳记录下被放行的 SYN 太少` +
      `（${grouped(r.table.c + r.table.d)} 个），无法与服务器的其他丢包区分（单侧 Fisher 精确检验 p = ${probability(r.pValue)}）。`,
  }[reason],
  pawsBoundary: (n) => `有 ${grouped(n)} 个判断处在 60 秒有效期边界 1 秒以内，这里用抓包时间代替了内核时钟。`,
  pawsBeforeFirstStamp: (n) => `抓包开始后 60 秒内有 ${grouped(n)} 个未响应的 SYN，可能是被抓包开始前记录的时间戳丢弃的。`,
  pawsMore: (n) => `……另有 ${grouped(n)} 个类似的 SYN。`,
  pawsSuspicion: (address, clocks, perConnection) => perConnection
    ? `${address} 的每个连接都从不同的 TSval 开始（每连接随机时间戳偏移），即使没有 NAT，开启 tcp_tw_recycle 的服务器也会丢弃它的部分 SYN。`
    : `${address} 背后有 ${grouped(clocks)} 个不同的 TSval 时钟：多台主机共用这个地址，而开启 tcp_tw_recycle 的服务器无法区分它们。`,
  pawsHover: (f) => f.synTsval === null
    ? `没有时间戳的 SYN 被丢弃：${seconds(f.ageSeconds)} 秒前已从 ${f.stampFrom} 记录了 TSval ${f.stampTsval}（tcp_tw_recycle）`
    : `TSval ${f.synTsval} 比 ${seconds(f.ageSeconds)} 秒前从 ${f.stampFrom} 记录的 ${f.stampTsval} 落后 ${behindBy(f.behindMs)}（SYN 被 tcp_tw_recycle 丢弃）`,
  pawsSuspectedHover: (address) => `没有响应；${address} 背后有多个 TSval 时钟，疑似服务器开启了 tcp_tw_recycle（请在服务器端抓包确认）`,
  twRecycleOff: (answered, predicted) =>
    `按 tcp_tw_recycle 规则应被丢弃的 ${grouped(predicted)} 个 SYN 中有 ${grouped(answered)} 个得到了响应：这台服务器显然没有开启 tcp_tw_recycle，丢包另有原因。`,

  clocksTitle: (address, clocks, lone) => `${address} 背后至少有 ${grouped(clocks + lone)} 台主机，它们的 TCP 时间戳时钟各不相同`,
  clocksPerConnectionTitle: (address, n) => `${address} 的 ${grouped(n)} 个连接各自从不同的 TCP 时间戳开始，无法据此判断背后有几台主机`,
  clocksExplanation:
    '每台主机的 TCP 时间戳（TSval）随时间匀速增长，所以同一台主机的 SYN 在“TSval—时间”图上落在一条直线上。' +
    '这个地址发出的 SYN 落在相距很远的几条直线上：有多台主机通过同一个地址发包，就像在 NAT 后面一样。' +
    '开启 tcp_tw_recycle 的服务器会把它们当成同一个对端，丢弃时钟落后的那些主机的 SYN。',
  clocksPerConnectionExplanation:
    '较新的 Linux 内核为每个连接的 TSval 加上随机偏移（同一个 SYN 的重传保持不变），因此每个连接各自落在一条直线上。' +
    '这时无法用时间戳数出地址背后的主机数；而且即使没有 NAT，开启 tcp_tw_recycle 的服务器也会丢弃这种客户端的部分 SYN。',
  clockLine: (address, index, c) =>
    `${address} 的时钟 ${index + 1}：${captureTime(c.firstTime)} 至 ${captureTime(c.lastTime)} 共 ${grouped(c.connections)} 个连接，` +
    `第一个的 TSval 为 ${c.firstTsval}，频率 ${grouped(c.rateHz)} Hz。`,
  loneConnections: (n) => `另有 ${grouped(n)} 个连接各自单独成线（只出现一次的主机，或随机偏移）。`,
  natMapping: (serverSees, clients, portsRewritten) =>
    `${clients.map((c) => `${c.address}（${grouped(c.attempts)} 次连接）`).join('、')} 在服务器端显示为 ${serverSees}` +
    (portsRewritten > 0 ? `，其中 ${grouped(portsRewritten)} 个源端口被改写。` : '。'),

  locationTitle: (code, f) => LOCATION_TITLE[code](f.count, serversNamedZh(f.servers)),
  locationExplanation: (code) => LOCATION_EXPLANATION[code],
  locationEvidence: (code, f) => {
    const span = f.coveredFrom !== null && f.coveredTo !== null ? `服务器端抓包的时间范围是 ${captureTime(f.coveredFrom)} 至 ${captureTime(f.coveredTo)}。` : '';
    switch (code) {
      case 'dropped-at-server': return `${grouped(f.count)} 次失败的连接，其 SYN 出现在服务器端抓包中，但既没有 SYN-ACK 也没有 RST。`;
      case 'lost-before-server': return `${grouped(f.count)} 次失败的连接，其 SYN 从未出现在服务器端抓包中。${span}`;
      case 'dropped-at-node': return `${grouped(f.count)} 次失败的连接，其 SYN 止步于客户端一侧的某个抓包点：之后当时正在抓包的抓包点中从未出现。`;
      case 'reply-lost': return `${grouped(f.count)} 次失败的连接，服务器端发出了 SYN-ACK，客户端却没有收到。`;
      case 'refused': return `${grouped(f.count)} 次连接收到了 RST。`;
      case 'reset-by-middlebox': return `${grouped(f.count)} 次连接在客户端收到了 RST，而服务器端抓包中没有从服务器发出的 RST。${span}`;
      case 'listen-overflow': return `${grouped(f.count)} 次失败的连接：在服务器从未接受的握手挂起期间，发往该服务器的 SYN 没有得到回应。`;
      case 'not-covered': return `${grouped(f.count)} 次失败的连接不在服务器端抓包范围内。${span}`;
      case 'unlocated': return `在仅有的一份抓包中，${grouped(f.count)} 次连接没有收到响应。`;
    }
  },
  locationFix: (code) => LOCATION_FIX[code],
  locationHover: (code, serverSees) => {
    const as = serverSees ? `（服务器端看到的是 ${serverSees}）` : '';
    switch (code) {
      case 'dropped-at-server': return `SYN 到达了服务器${as}，但没有任何响应`;
      case 'lost-before-server': return 'SYN 没有出现在服务器端抓包中';
      case 'dropped-at-node': return 'SYN 死在节点上：路径上之后当时正在抓包的抓包点从未看到它';
      case 'reply-lost': return `服务器回复了 SYN-ACK${as}，但客户端没有收到`;
      case 'refused': return '被 RST 拒绝';
      case 'reset-by-middlebox': return '被服务器前面的设备重置：服务器没有发出 RST';
      case 'listen-overflow': return `服务器的监听队列满了${as}：被丢弃，或从未被接受`;
      case 'not-covered': return '服务器端抓包没有覆盖这次连接';
      case 'unlocated': return '没有响应；请在服务器端抓包以确定在哪里丢失';
    }
  },
  clockOffset: (medianMs, spreadMs, pairs) =>
    `服务器端抓包的时钟比客户端${medianMs >= 0 ? '快' : '慢'} ${grouped(Math.abs(medianMs))} ms（取两端都看到的 ${grouped(pairs)} 个 SYN 的中位数，离散度 ±${seconds(spreadMs)} ms）。`,
  hopEvidence: (code, lastSeen, missing, n) => {
    const from = zhCn.pointLabel(lastSeen);
    const to = zhCn.pointLabel(missing);
    return code === 'reply-lost'
      ? `${grouped(n)} 个应答（SYN-ACK）出现在 ${from} 中，却没有出现在朝客户端方向的下一个抓包点 ${to} 中：在两者之间丢失。`
      : `${grouped(n)} 个 SYN 最后出现在 ${from} 中，却没有出现在路径上的下一个抓包点 ${to} 中（当时正在抓包）：在两者之间丢失。`;
  },
  snatRaceEvidence: (n, ms) =>
    `${grouped(n)} 个首个 SYN 在节点上丢失，而另一个连接发往同一目的地的 SYN 在 ${seconds(ms)} ms 之内离开了节点，` +
    '其重传换用了另一个 NAT 源端口并成功：这是 conntrack 的 SNAT 竞争（__nf_conntrack_confirm 发现 NAT 元组已被占用：conntrack -S 中的 insert_failed、drop）。' +
    '给 MASQUERADE/SNAT 规则加上 --random-fully。',
  pointLabel: (point) => point.side === null ? point.capture : `${point.capture}（${point.side === 'before-nat' ? 'NAT 之前' : 'NAT 之后'}）`,
  pairChecks: pairCheckZhCn,
  listenOverflowEvidence: (server, drops, notAccepted, mostPending) =>
    `在 ${server}，有 ${grouped(drops)} 次连接没有得到回应，当时有 ${grouped(notAccepted)} 个服务器从未接受的握手（客户端已完成握手，但没有任何确认或欢迎信息）挂起；` +
    `单个被丢弃的 SYN 到达时最多有 ${grouped(mostPending)} 个。`,
  synAckAfterGiveUpHover: (silenceSeconds) =>
    `唯一的 SYN-ACK 在最后一个 SYN 之后 ${seconds(silenceSeconds)} 秒才到达，客户端此时已经放弃并用 RST 回应：它重试期间服务器发出的 SYN-ACK 都没有到达`,
  slowConnect: slowConnectZhCn,
  ruledOut: ruledOutZhCn,
  synCookies: synCookieZhCn,
  evidence: evidenceZhCn,
  timeWait: timeWaitZhCn,
};
