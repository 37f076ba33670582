import type { RuledOutTexts } from './ruledOutTexts.js';

export const ruledOutZhCn: RuledOutTexts = {
  'paws-tw-recycle':
    '时间戳规则预测会被丢弃的 SYN 却得到了应答；在规则放行的 SYN 中未应答的同样常见（属于基础丢包率，是别的原因）；' +
    '服务器不发送时间戳，或没有来自已关闭连接的时间戳记录。重放逐项检查了这些。抓包之外：PAWSPassive 不增长，或 tcp_tw_recycle = 0。',
  'nat-multiple-clocks':
    '该地址的所有 SYN 落在同一条 TSval 直线上（一台主机），或每个连接各自一条直线（每个连接随机偏移，数出的是连接而不是主机）。',
  'dropped-at-server':
    '服务器端抓包中有该 SYN 的 SYN-ACK 或 RST，或其中根本没有该 SYN（那就是它没有到达）。不是监听队列满：丢弃时服务器上没有积压的握手。',
  'dropped-at-node':
    '路径上下一个抓包点有该 SYN；该抓包当时没有在记录；下一个抓包漏掉了前一个抓包中成功的连接。' +
    '抓包之外：conntrack -S 的 insert_failed 与 drop、FORWARD 链的计数不增长。',
  'lost-before-server':
    '服务器端抓包中有该 SYN；服务器端抓包当时没有在运行（在其报文时间之外，或在其记录的开始与结束时间之外）；' +
    '服务器端抓包漏掉了其时间段内成功的连接，或自己记录了丢包，此时丢失只是可能。',
  'reply-lost':
    '服务器没有为该 SYN 发出 SYN-ACK（那是服务器丢弃了它），或 SYN-ACK 出现在客户端抓包中。',
  'refused':
    '服务器端抓包中有该 SYN 而服务器没有发出 RST，或覆盖了该时刻却没有该 SYN；RST 的 TTL 与服务器 SYN-ACK 的不同。任何一条都说明是前面的设备（reset-by-middlebox）。',
  'reset-by-middlebox':
    '服务器端抓包显示 RST 是服务器自己发出的；没有服务器端抓包时，RST 的 TTL 与服务器 SYN-ACK 的相同。',
  'listen-overflow':
    '丢弃发生时服务器上没有积压的握手（随机丢弃：dropped-at-server），或丢弃符合时间戳规则。抓包之外：ListenOverflows 与 TCPReqQFullDrop 不增长。',
  'not-covered':
    '不是原因：本应显示该连接的抓包没有覆盖那个时刻。当时运行的服务器端抓包可以判断。',
  'unlocated':
    '不是原因：单份抓包无法判断 SYN 死在哪里。同一时刻在服务器端的抓包可以判断。',
  'captures-do-not-correspond':
    '服务器端抓包期间成功的任何一个连接能在其中找到（按 ISN，或按端口、TSval 与时间）。',
  'isn-rewritten':
    '两份抓包中的连接按 ISN 能对上；按端口、TSval 与时间的匹配有歧义。',
  'captures-do-not-overlap':
    '两份抓包的报文时间有重叠。',
  'capture-roles-reversed':
    '客户端抓包中 SYN → SYN-ACK 的时间约为一个往返，而 SYN-ACK → ACK 的时间很短，如同在客户端附近抓的包。',
  'syn-cookies':
    'TSval 的选项位匹配的频率不高于偶然（1/32）；SYN-ACK 保留了 SYN 提供的窗口缩放与 SACK；服务器的定时器重发了客户端未确认的 SYN-ACK。' +
    '抓包之外：SyncookiesSent 不增长。',
  'time-wait-collision':
    'ACK 确认的正是该 SYN（ISN + 1），或来自别的地址或端口；在能显示的抓包中 60 秒内同一四元组上没有前一个连接。' +
    '抓包之外：TCPACKSkippedTimeWait、PAWSEstab 与 TCPChallengeACK 在计入时会显示这类应答。',
  'slow-connect':
    '重传的 SYN 其实是新连接而不是重传：ISN 不同，或间隔不符合任何重传时间表。',
};
