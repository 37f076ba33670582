/** The ethertypes the layer decoders act on. */
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
/** IEEE 802.1Q customer VLAN tag. */
export const ETHERTYPE_VLAN = 0x8100;
/** IEEE 802.1ad service VLAN tag (QinQ outer tag). */
export const ETHERTYPE_QINQ = 0x88a8;
/** The pre-standard QinQ outer tag many switches still send. */
export const ETHERTYPE_QINQ_LEGACY = 0x9100;
