/** The sysctl keys that shape TCP connection set-up, by the names sysctl uses for them. */

export type SysctlKeyId =
  | 'tcp_timestamps'
  | 'tcp_tw_recycle'
  | 'tcp_tw_reuse'
  | 'tcp_max_syn_backlog'
  | 'tcp_syncookies'
  | 'somaxconn'
  | 'ip_local_port_range'
  | 'tcp_fin_timeout'
  | 'nf_conntrack_max'
  | 'tcp_syn_retries'
  | 'tcp_synack_retries'
  | 'tcp_max_tw_buckets'
  | 'rp_filter';

const BY_KEY: Record<string, SysctlKeyId> = {
  'net.ipv4.tcp_timestamps': 'tcp_timestamps',
  'net.ipv4.tcp_tw_recycle': 'tcp_tw_recycle',
  'net.ipv4.tcp_tw_reuse': 'tcp_tw_reuse',
  'net.ipv4.tcp_max_syn_backlog': 'tcp_max_syn_backlog',
  'net.ipv4.tcp_syncookies': 'tcp_syncookies',
  'net.core.somaxconn': 'somaxconn',
  'net.ipv4.ip_local_port_range': 'ip_local_port_range',
  'net.ipv4.tcp_fin_timeout': 'tcp_fin_timeout',
  'net.netfilter.nf_conntrack_max': 'nf_conntrack_max',
  'net.nf_conntrack_max': 'nf_conntrack_max',
  'net.ipv4.tcp_syn_retries': 'tcp_syn_retries',
  'net.ipv4.tcp_synack_retries': 'tcp_synack_retries',
  'net.ipv4.tcp_max_tw_buckets': 'tcp_max_tw_buckets',
};

/** rp_filter exists per interface, plus `all` and `default`; systemd also accepts a `*` glob there. */
const RP_FILTER = /^net\.ipv4\.conf\.[^.]+\.rp_filter$/;

export function sysctlKeyId(key: string): SysctlKeyId | null {
  return BY_KEY[key] ?? (RP_FILTER.test(key) ? 'rp_filter' : null);
}
