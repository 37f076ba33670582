/** 时间等待冲突（time-wait-collision）诊断的简体中文文本。 */
import { captureTime, grouped, seconds } from './format.js';
import type { CollisionFacts, PreviousConnection, TimeWaitTexts } from './timeWaitTexts.js';

function previousText(p: PreviousConnection | null): string {
  if (p === null) return '此抓包中看不到该四元组上的上一个连接（NAT 之前的抓包看到的是另一个四元组；服务器端抓包可以看到）。';
  const since = p.secondsSinceClose === null ? '' : `（${seconds(p.secondsSinceClose)} 秒前）`;
  switch (p.holder) {
    case 'server-time-wait':
      return `该四元组上的上一个连接（第 ${p.id} 次尝试，${p.client}）由服务器先关闭${since}，因此服务器将其保持在 TIME-WAIT 状态` +
        (p.withinTimeWait ? '，仍在 TCP_TIMEWAIT_LEN 的 60 秒之内。' : '，但已超过 TCP_TIMEWAIT_LEN 的 60 秒。');
    case 'client-time-wait':
      return `该四元组上的上一个连接（第 ${p.id} 次尝试，${p.client}）由客户端一侧先关闭${since}：TIME-WAIT 在客户端一侧（NAT 之后的另一台主机），服务器上已没有它的套接字。`;
    case 'reset':
      return `该四元组上的上一个连接（第 ${p.id} 次尝试，${p.client}）以复位结束，不会留下 TIME-WAIT 套接字。`;
    case 'open':
      return `该四元组上的上一个连接（第 ${p.id} 次尝试，${p.client}）在抓包中从未关闭：服务器仍保持其打开，并以挑战 ACK 应答。`;
  }
}

/** SYN 的时间戳与上一个连接最后的时间戳相比说明了什么（tcp_timewait_state_process）。 */
function timestampText(f: CollisionFacts): string {
  if (f.synTsval === null) return 'SYN 不带时间戳，只有序列号在旧连接结束之后才能让它通过。';
  const last = f.previous?.lastClientTsval ?? null;
  if (last === null) return '';
  const behind = (last - f.synTsval) | 0;
  if (behind > 0) return `其 TSval ${f.synTsval} 比上一个连接最后的 ${last} 更旧：被 TIME-WAIT 套接字的 PAWS 检查拒绝（tcp_paws_reject，计入 PAWSEstab）。`;
  if (behind === 0) return `其 TSval ${f.synTsval} 与上一个连接最后的相同，并不更新。`;
  return `其 TSval ${f.synTsval} 比上一个连接最后的 ${last} 更新，TIME-WAIT 套接字本会放行：应答者仍保持着该连接，或者不是服务器。`;
}

export const timeWaitZhCn: TimeWaitTexts = {
  title: (failed, passed) =>
    failed > 0
      ? `${grouped(failed)} 次连接尝试失败：其四元组上的上一个连接仍被服务器保持（TIME-WAIT）` + (passed > 0 ? `；另有 ${grouped(passed)} 个连接在将其复位后才建立` : '')
      : `${grouped(passed)} 个连接遇到服务器仍保持的同一四元组上一个连接（TIME-WAIT），在将其复位后才建立`,
  explanation:
    'SYN 到达时，其四元组（客户端地址和端口、服务器地址和端口）上的上一个连接仍被服务器保持：服务器先关闭后处于 TIME-WAIT，Linux 会保持 60 秒（TCP_TIMEWAIT_LEN），或者连接仍然打开。' +
    '在 NAT 之后，当两台主机的连接被分配到同一个源地址和端口时就会出现这种情况。' +
    '只有当 SYN 的序列号在旧连接结束之后，或其时间戳比旧连接的更新时，Linux 才会把它当作新连接接受（tcp_timewait_state_process）；否则会以旧连接的 ACK 应答。' +
    '客户端期待的是 SYN-ACK，却看到确认了它从未发送过的数据的 ACK，于是回以复位（tcp_rcv_synsent_state_process）；该复位通常会结束 TIME-WAIT 套接字，下一个 SYN 随即建立连接' +
    '（Linux 5.10 及以后几毫秒之内，较旧的内核要等 1 秒的重传超时）。当 net.ipv4.tcp_rfc1337 = 1 时，复位不会结束它，每次重传都会再次冲突，直到客户端放弃。',
  summary: (collisions, failed, fourTuples) =>
    `${grouped(collisions)} 个 SYN 被一个 ACK 应答，该 ACK 确认的不是客户端发送的任何内容（不是其 ISN + 1），涉及 ${grouped(fourTuples)} 个四元组；其中 ${grouped(failed)} 次尝试始终未能建立连接。`,
  sighting: (f: CollisionFacts) =>
    `${f.client}${f.serverSees !== f.client ? `（服务器看到的是 ${f.serverSees}）` : ''} → ${f.server}：ISN 为 ${f.isn} 的 SYN 在 ${captureTime(f.ackTime)} 被一个 ACK 应答，` +
    `其确认号为 ${f.ack}，而不是 ${f.expectedAck}` + (f.acks > 1 ? `（共 ${grouped(f.acks)} 个这样的 ACK）` : '') + '；' +
    (f.resets > 0 ? `客户端以序列号 ${f.ack} 将其复位${f.resets > 1 ? `（${grouped(f.resets)} 次）` : ''}。` : '抓包中没有客户端对它的复位。') +
    timestampText(f) +
    (f.retransmissionAfterMs === null ? '之后没有 SYN。' : `${grouped(f.retransmissionAfterMs)} 毫秒后 SYN 被重新发送。`) +
    (f.passed ? `${f.connectMs === null ? '?' : grouped(f.connectMs)} 毫秒后连接建立。` : '始终未能建立连接。') +
    previousText(f.previous),
  more: (count) => `另有 ${grouped(count)} 次同类尝试。`,
  fix:
    '在服务器仍保持旧连接时不要重用四元组：让 NAT 随机选择源端口（iptables MASQUERADE/SNAT 加 --random-fully；Kubernetes 网络插件有相应选项），' +
    '扩大客户端的端口范围（net.ipv4.ip_local_port_range），或让客户端先关闭连接，使 TIME-WAIT 留在客户端一侧。' +
    '两端都保持 net.ipv4.tcp_timestamps = 1：时间戳更新的 SYN 可以穿过 TIME-WAIT。不要开启 tcp_tw_recycle：在 NAT 之后它会自行丢弃 SYN（Linux 4.12 起已移除）。',
  hover: (serverSees) => `服务器以该四元组上一个连接（TIME-WAIT）的 ACK 应答了 SYN${serverSees ? `（看到的客户端为 ${serverSees}）` : ''}`,
};
