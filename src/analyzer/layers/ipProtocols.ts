/** IP protocol numbers (IPv4 protocol, IPv6 next header) the layer decoders act on. */
export const PROTOCOL_HOP_BY_HOP = 0;
export const PROTOCOL_TCP = 6;
export const PROTOCOL_ROUTING = 43;
export const PROTOCOL_FRAGMENT = 44;
export const PROTOCOL_AUTHENTICATION = 51;
export const PROTOCOL_DESTINATION_OPTIONS = 60;
