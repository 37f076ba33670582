/** sysctl 诊断与悬停提示的简体中文文本。 */
import type { SysctlTexts } from './texts.js';

const timestampsSource = (line: number | null) =>
  line === null ? 'TCP 时间戳默认是开启的（net.ipv4.tcp_timestamps = 1）' : `TCP 时间戳已开启（第 ${line} 行）`;

export const sysctlZhCn: SysctlTexts = {
  twRecycleEnabled: (value, timestampsLine) =>
    `net.ipv4.tcp_tw_recycle = ${value} 会让这台服务器丢弃 NAT 后面客户端的 SYN。${timestampsSource(timestampsLine)}，` +
    '因此 Linux 3.x 到 4.11 会按客户端 IP 地址记住由服务器主动关闭的连接上最后一个 TCP 时间戳（TSval），' +
    '在 60 秒内静默丢弃来自该地址、TSval 更旧的 SYN（PAWS 检查）。共用一个地址的主机（NAT、Kubernetes 节点、负载均衡）各有各的时间戳时钟，' +
    '所以其中一部分连接会随机失败：没有 SYN-ACK，也没有 RST，只有 netstat -s 里的 "passive connections rejected because of time stamp" 在增长。请把它设为 0。',
  twRecycleWithoutTimestamps: (value, timestampsLine) =>
    `tcp_timestamps = 0（第 ${timestampsLine} 行）时，net.ipv4.tcp_tw_recycle = ${value} 不起作用：丢弃 NAT 后面客户端 SYN 的时间戳检查依赖时间戳。` +
    '一旦重新开启时间戳，这个检查就会生效；请把 tcp_tw_recycle 设为 0 或删除这一行。',
  twRecycleRemoved: (ignoreErrors) =>
    '从 Linux 4.12 起内核已经没有 net.ipv4.tcp_tw_recycle：在新内核上 sysctl 会报 "cannot stat /proc/sys/net/ipv4/tcp_tw_recycle"，' +
    (ignoreErrors
      ? '行首的 "-" 让它忽略这个错误。这一行只对旧内核有意义，建议删除。'
      : 'systemd-sysctl 应用这个文件时也会失败。请删除这一行（如果仍有旧内核读取它，可以在行首加 "-"）。'),
  timestampsFeedTwRecycle: (twRecycleLine) =>
    `tcp_tw_recycle 已开启（第 ${twRecycleLine} 行），TCP 时间戳会让按地址进行的时间戳检查生效，从而丢弃 NAT 后面客户端的 SYN。` +
    '应保留时间戳，关闭 tcp_tw_recycle。',
  fixSetToZero: (key) => `将 ${key} 设为 0`,
  fixRemoveLine: (key) => `删除 ${key} 这一行`,
  keys: {
    tcp_timestamps: {
      summary: '在每个 TCP 报文段中加入时间戳选项（TSval/TSecr，RFC 7323），用于测量往返时间和防止序列号回绕（PAWS）。' +
        '1 = 开启，每个连接使用随机偏移（Linux 4.10 起），2 = 开启但不加偏移，0 = 关闭。',
      defaultValue: '1',
      handshakes: '与 tcp_tw_recycle = 1 同时开启时，服务器会丢弃 TSval 比同一地址上次更旧的 SYN：这就是 NAT 后面客户端偶发连接失败的原因。' +
        '关闭时间戳也能止住丢包，但会失去 PAWS 保护，并让 tcp_tw_reuse 失效；应当关闭 tcp_tw_recycle。',
    },
    tcp_tw_recycle: {
      summary: '快速回收 TIME-WAIT 套接字：按对端地址记住最后一个 TCP 时间戳，拒绝该地址发来的更旧的报文段，包括 SYN。Linux 4.12 已移除。',
      defaultValue: '0（Linux 4.12 起没有这个参数）',
      handshakes: '客户端共用一个地址（NAT）时，服务器静默丢弃 SYN 的根源：netstat -s 把它们计入 ' +
        '"passive connections rejected because of time stamp" 和 "SYNs to LISTEN sockets dropped"。客户端经 NAT 访问的服务器上绝不要开启。',
    },
    tcp_tw_reuse: {
      summary: '允许新的出向连接复用仍处于 TIME-WAIT 的本地端口，前提是新连接的时间戳更新。依赖 tcp_timestamps。' +
        '0 = 关闭，1 = 开启，2 = 仅回环地址（Linux 4.19 起的默认值）。',
      defaultValue: '0（Linux 4.19 起为 2）',
      handshakes: '对短连接很多、本地端口耗尽（"Cannot assign requested address"）的客户端是安全的。' +
        '它只影响本机主动发起的连接，从不影响收到的 SYN，是 tcp_tw_recycle 的安全替代。',
    },
    tcp_max_syn_backlog: {
      summary: '半连接队列（SYN 队列）的长度：每个监听套接字上已收到 SYN、已回 SYN-ACK、正在等待 ACK 的连接数。',
      defaultValue: '开机时按内存计算，至少 128（常见为 256 到 4096）',
      handshakes: '半连接队列接近满且未开启 SYN cookies 时，新的 SYN 会被丢弃（TCPReqQFullDrop、"SYNs to LISTEN sockets dropped"）；' +
        '开启 SYN cookies 时，服务器改用 cookie 应答（"SYN cookies sent"）。',
    },
    tcp_syncookies: {
      summary: 'SYN cookies：半连接队列溢出时，用编码了连接信息的 SYN-ACK 应答 SYN，不保存状态。0 = 关闭，1 = 队列溢出时启用，2 = 总是启用。',
      defaultValue: '1',
      handshakes: '取 1 时，SYN flood 或 backlog 太小都不会导致连接被丢弃，但用 cookie 建立的连接会丢失部分选项' +
        '（窗口扩大和 SACK，除非时间戳携带了它们）。取 0 时，半连接队列溢出就会丢弃 SYN。',
    },
    somaxconn: {
      summary: '应用调用 listen() 时 backlog 的上限，即全连接队列（已完成握手、等待 accept() 的连接）的长度。',
      defaultValue: '4096（Linux 5.4 之前为 128）',
      handshakes: '全连接队列满时，服务器会丢弃客户端的最后一个 ACK 或新的 SYN：netstat -s 中 "times the listen queue of a socket overflowed" ' +
        '和 "SYNs to LISTEN sockets dropped" 会增长。应同时调大它和应用自己的 backlog，或让应用更快地 accept。',
    },
    ip_local_port_range: {
      summary: '本机发起连接时选用的本地端口范围（两个数：起始端口和结束端口）。',
      defaultValue: '32768 60999',
      handshakes: '客户端建连速度超过端口离开 TIME-WAIT 的速度时端口会耗尽：connect() 失败并报 "Cannot assign requested address"，' +
        '根本不会发出 SYN。可以扩大范围或开启 tcp_tw_reuse；经过 NAT 时，NAT 节点自己的端口范围和 conntrack 上限同样重要。',
    },
    tcp_fin_timeout: {
      summary: '孤儿连接在 FIN-WAIT-2 状态等待对端 FIN 的时间。它不是 TIME-WAIT 的时长，TIME-WAIT 固定为 60 秒。',
      defaultValue: '60（秒）',
      handshakes: '调小它既不会缩短 TIME-WAIT，也不会为新连接腾出端口，只会更早回收半关闭的连接。',
    },
    nf_conntrack_max: {
      summary: 'netfilter 连接跟踪表（conntrack，NAT 和有状态防火墙都依赖它）能容纳的连接数。',
      defaultValue: '模块加载时按内存计算（3.x/4.x 内核在内存大于 1 GB 的主机上为 65536）',
      handshakes: '表满时，新连接的 SYN 在到达任何套接字之前就被丢弃，内核日志会出现 ' +
        '"nf_conntrack: table full, dropping packet"。在 NAT 节点和服务器上对比 net.netfilter.nf_conntrack_count 与这个上限。',
    },
    tcp_syn_retries: {
      summary: '客户端的 SYN 没有应答时重传的次数，超过后 connect() 放弃；每次等待时间翻倍（1、2、4、8 …… 秒）。',
      defaultValue: '6（约 127 秒）',
      handshakes: '服务器静默丢弃一个 SYN，客户端就要等 1 秒、3 秒、7 秒……直到重传成功：抓包里能看到重传的 SYN，' +
        '应用看到的是连接慢或超时。',
    },
    tcp_synack_retries: {
      summary: '服务器发出的 SYN-ACK 没有收到 ACK 时重传的次数，超过后丢弃这个半连接。',
      defaultValue: '5（约 63 秒）',
      handshakes: 'SYN-ACK 在回程上丢失时（非对称路由、rp_filter、conntrack），服务器会按这个次数重传；' +
        '服务器端抓包里能看到客户端始终没有确认的重复 SYN-ACK。',
    },
    tcp_max_tw_buckets: {
      summary: '同时处于 TIME-WAIT 的套接字的最大数量；超过后，关闭的套接字直接跳过 TIME-WAIT。',
      defaultValue: '开机时按内存计算（例如 262144）',
      handshakes: '超过上限时内核日志会出现 "TCP: time wait bucket table overflow"（TCPTimeWaitOverflow）。与 tcp_tw_recycle 相比，' +
        '调小它是限制 TIME-WAIT 更安全的办法，代价是失去 TIME-WAIT 对旧重复报文段的保护。',
    },
    rp_filter: {
      summary: '反向路径过滤：1 = 严格模式（回到源地址的路由走另一个网卡时丢弃报文），2 = 宽松模式（完全没有回程路由时才丢弃），0 = 关闭。' +
        '实际生效的是 conf.all 与该网卡自身取值中较大的一个。',
      defaultValue: '内核默认 0；很多发行版设为 1 或 2',
      handshakes: '存在非对称路由或多网卡时，严格模式会静默丢弃 SYN 或 SYN-ACK（nstat 中的 IPReversePathFilter）：' +
        '握手失败，但任何套接字计数里都看不到痕迹。',
    },
  },
  defaultLabel: '默认值',
  valueHereLabel: '此处设为',
  handshakesLabel: '与握手失败的关系',
};
