/** The ethertypes the layer decoders act on. */
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
/** IEEE 802.1Q customer VLAN tag. */
export const ETHERTYPE_VLAN = 0x8100;
/** IEEE 802.1ad service VLAN tag (QinQ outer tag). */
export const ETHERTYPE_QINQ = 0x88a8;
/** The pre-standard QinQ outer tag many switches still send. */
export const ETHERTYPE_QINQ_LEGACY = 0x9100;
/** MPLS unicast and multicast label stacks (RFC 3032). */
export const ETHERTYPE_MPLS_UNICAST = 0x8847;
export const ETHERTYPE_MPLS_MULTICAST = 0x8848;
/** PPPoE session stage (RFC 2516): PPP frames, IP inside. */
export const ETHERTYPE_PPPOE_SESSION = 0x8864;
/** Transparent Ethernet bridging: a whole Ethernet frame follows (GRE, Geneve). */
export const ETHERTYPE_TRANSPARENT_ETHERNET = 0x6558;
/** GRE protocol type of ERSPAN type I (without a GRE sequence number) and type II (with one). */
export const ETHERTYPE_ERSPAN = 0x88be;
/** GRE protocol type of ERSPAN type III. */
export const ETHERTYPE_ERSPAN_III = 0x22eb;
/** GRE protocol type of WCCP redirection: an IPv4 packet, perhaps behind a 4-byte redirect header. */
export const ETHERTYPE_WCCP = 0x883e;
