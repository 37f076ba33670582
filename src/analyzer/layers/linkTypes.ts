/**
 * Link-layer header types (tcpdump.org's LINKTYPE_ values) as capture files record them, and which of
 * them the layer decoders read.
 */
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
/** DLT_RAW as most systems numbered it before LINKTYPE_RAW existed. */
export const DLT_RAW_COMMON = 12;
/** DLT_RAW as OpenBSD and BSD/OS numbered it. */
export const DLT_RAW_OPENBSD = 14;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

/** Names for the summary of skipped frames ("link type 127 (IEEE 802.11 radiotap)"). */
const LINK_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'BSD loopback'],
  [1, 'Ethernet'],
  [3, 'AX.25'],
  [6, 'Token Ring'],
  [7, 'ARCNET (BSD)'],
  [8, 'SLIP'],
  [9, 'PPP'],
  [10, 'FDDI'],
  [12, 'raw IP'],
  [14, 'raw IP'],
  [50, 'PPP in HDLC-like framing'],
  [51, 'PPPoE'],
  [100, 'ATM LLC/SNAP (RFC 1483)'],
  [101, 'raw IP'],
  [104, 'Cisco HDLC'],
  [105, 'IEEE 802.11'],
  [106, 'ATM classical IP'],
  [107, 'Frame Relay'],
  [108, 'OpenBSD loopback'],
  [113, 'Linux cooked capture (SLL)'],
  [114, 'LocalTalk'],
  [117, 'OpenBSD pflog'],
  [119, 'IEEE 802.11 with Prism header'],
  [122, 'IP over Fibre Channel'],
  [123, 'SunATM'],
  [127, 'IEEE 802.11 radiotap'],
  [129, 'ARCNET (Linux)'],
  [138, 'IP over IEEE 1394'],
  [139, 'SS7 MTP2 with pseudo-header'],
  [140, 'SS7 MTP2'],
  [141, 'SS7 MTP3'],
  [142, 'SS7 SCCP'],
  [143, 'DOCSIS'],
  [144, 'Linux IrDA'],
  [163, 'IEEE 802.11 with AVS header'],
  [165, 'BACnet MS/TP'],
  [166, 'PPP (pppd)'],
  [169, 'GPRS LLC'],
  [177, 'Linux LAPD'],
  [187, 'Bluetooth HCI H4'],
  [189, 'Linux USB'],
  [192, 'Per-Packet Information (PPI)'],
  [195, 'IEEE 802.15.4 with FCS'],
  [201, 'Bluetooth HCI H4 with pseudo-header'],
  [215, 'IEEE 802.15.4 with non-ASK PHY header'],
  [220, 'Linux USB (memory-mapped)'],
  [226, 'Solaris ipnet'],
  [227, 'SocketCAN'],
  [228, 'raw IPv4'],
  [229, 'raw IPv6'],
  [230, 'IEEE 802.15.4 without FCS'],
  [231, 'D-Bus'],
  [239, 'Linux netfilter NFLOG'],
  [240, 'netANALYZER'],
  [242, 'IP over InfiniBand'],
  [249, 'USBPcap'],
  [251, 'Bluetooth LE link layer'],
  [252, 'Wireshark upper PDU'],
  [253, 'Linux netlink'],
  [254, 'Linux Bluetooth monitor'],
  [258, 'Apple PKTAP'],
  [266, 'macOS USB'],
  [274, 'Ethernet with preamble (mPackets)'],
  [276, 'Linux cooked capture v2 (SLL2)'],
  [281, 'Broadcom switch tag'],
  [282, 'Broadcom switch tag (prepended)'],
  [284, 'Marvell DSA switch tag'],
  [285, 'Marvell EDSA switch tag'],
]);

/** A short human name for a link type, or 'unknown' for values not in the table. */
export function linkTypeName(linkType: number): string {
  if (linkType >= 147 && linkType <= 162) return `user-defined (DLT_USER${linkType - 147})`;
  return LINK_TYPE_NAMES.get(linkType) ?? 'unknown';
}

/** Whether decodeTcp reads frames of this link type (the others are counted and reported as skipped). */
export function isSupportedLinkType(linkType: number): boolean {
  switch (linkType) {
    case LINKTYPE_NULL:
    case LINKTYPE_ETHERNET:
    case DLT_RAW_COMMON:
    case DLT_RAW_OPENBSD:
    case LINKTYPE_RAW:
    case LINKTYPE_LOOP:
    case LINKTYPE_LINUX_SLL:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
    case LINKTYPE_LINUX_SLL2:
      return true;
    default:
      return false;
  }
}
