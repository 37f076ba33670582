/** IP protocol numbers (IPv4 protocol, IPv6 next header) the layer decoders act on. */
export const PROTOCOL_HOP_BY_HOP = 0;
export const PROTOCOL_TCP = 6;
export const PROTOCOL_ROUTING = 43;
export const PROTOCOL_FRAGMENT = 44;
export const PROTOCOL_AUTHENTICATION = 51;
export const PROTOCOL_DESTINATION_OPTIONS = 60;
/** IPv4 inside IP (RFC 2003), IPv6 inside IP (RFC 4213 / RFC 2473). */
export const PROTOCOL_IPIP = 4;
export const PROTOCOL_UDP = 17;
export const PROTOCOL_IPV6 = 41;
export const PROTOCOL_GRE = 47;
