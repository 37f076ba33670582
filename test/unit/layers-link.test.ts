import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { isSupportedLinkType, linkTypeName } from '../../src/analyzer/layers/linkTypes.js';
import {
  decode, ETHERNET_HEADER, frameOf, IPV4_ADDRESSES, IPV4_HEADER, IPV6_HEADER, SYN_FIELDS, TCP_SYN,
} from './layerFixtures.js';

const IPV4_SYN = IPV4_HEADER + TCP_SYN;
const IPV6_SYN = IPV6_HEADER + TCP_SYN;

function assertIpv4Syn(linkType: number, frame: Uint8Array): void {
  const { status, packet } = decode(linkType, frame);
  assert.equal(status, DecodeStatus.Tcp);
  assert.deepEqual(packet, { ...IPV4_ADDRESSES, ...SYN_FIELDS });
}

function assertIpv6Syn(linkType: number, frame: Uint8Array): void {
  const { status, packet } = decode(linkType, frame);
  assert.equal(status, DecodeStatus.Tcp);
  assert.equal(packet.ipVersion, 6);
  assert.equal(packet.srcV6, '2001:db8::1');
  assert.equal(packet.dstV6, '2001:db8::2');
  assert.equal(packet.tsval, 5);
}

test('Ethernet II carrying IPv4 and IPv6', () => {
  assertIpv4Syn(1, frameOf(ETHERNET_HEADER, '08 00 // ethertype IPv4', IPV4_SYN));
  assertIpv6Syn(1, frameOf(ETHERNET_HEADER, '86 dd // ethertype IPv6', IPV6_SYN));
});

test('Ethernet with an 802.1Q tag', () => {
  assertIpv4Syn(1, frameOf(ETHERNET_HEADER, `
    81 00                    // ethertype 802.1Q
    20 64                    // priority 1, VLAN 100
    08 00                    // ethertype IPv4`, IPV4_SYN));
});

test('Ethernet with QinQ tags: 802.1ad and the legacy 0x9100 outer tag', () => {
  for (const outer of ['88 a8', '91 00']) {
    assertIpv4Syn(1, frameOf(ETHERNET_HEADER, `
      ${outer}               // ethertype of the service tag
      00 0a                  // S-VLAN 10
      81 00                  // ethertype 802.1Q
      00 64                  // C-VLAN 100
      08 00                  // ethertype IPv4`, IPV4_SYN));
  }
});

test('more VLAN tags than any network stacks is malformed, a cut tag is truncated', () => {
  const nineTags = '81 00 00 01 // ethertype 802.1Q, VLAN 1\n'.repeat(9);
  assert.equal(decode(1, frameOf(ETHERNET_HEADER, nineTags, '08 00', IPV4_SYN)).status, DecodeStatus.Malformed);
  assert.equal(decode(1, frameOf(ETHERNET_HEADER, '81 00 // ethertype 802.1Q', '00 // half a tag')).status, DecodeStatus.Truncated);
});

test('Ethernet: ARP and 802.3 frames are not TCP, a runt is truncated', () => {
  assert.equal(decode(1, frameOf(ETHERNET_HEADER, '08 06 // ethertype ARP', '00'.repeat(28))).status, DecodeStatus.NotTcp);
  assert.equal(decode(1, frameOf(ETHERNET_HEADER, '00 2e // 802.3 length 46', 'aa aa 03 // LLC SNAP')).status, DecodeStatus.NotTcp);
  assert.equal(decode(1, frameOf('02 00 00 00 00 02 // destination MAC only')).status, DecodeStatus.Truncated);
});

test('Linux cooked capture (SLL, 113), also with a VLAN tag Linux left in place', () => {
  const sllHeader = `
    00 00                    // packet type: to us
    00 01                    // ARPHRD_ETHER
    00 06                    // link-layer address length 6
    02 00 00 00 00 01 00 00  // link-layer address, padded to 8`;
  assertIpv4Syn(113, frameOf(sllHeader, '08 00 // protocol IPv4', IPV4_SYN));
  assertIpv4Syn(113, frameOf(sllHeader, '81 00 // protocol 802.1Q', '00 64 // VLAN 100', '08 00 // ethertype IPv4', IPV4_SYN));
  assert.equal(decode(113, frameOf(sllHeader)).status, DecodeStatus.Truncated);
});

test('Linux cooked capture v2 (SLL2, 276)', () => {
  const sll2Header = `
    86 dd                    // protocol IPv6
    00 00                    // reserved
    00 00 00 02              // interface index 2
    00 01                    // ARPHRD_ETHER
    04                       // packet type: outgoing
    06                       // link-layer address length 6
    02 00 00 00 00 01 00 00  // link-layer address, padded to 8`;
  assertIpv6Syn(276, frameOf(sll2Header, IPV6_SYN));
  assert.equal(decode(276, frameOf('86 dd 00 00 // protocol, reserved: cut')).status, DecodeStatus.Truncated);
});

test('BSD null (0): the family in either byte order, IPv6 under each BSD value', () => {
  assertIpv4Syn(0, frameOf('02 00 00 00 // AF_INET, little-endian host', IPV4_SYN));
  assertIpv4Syn(0, frameOf('00 00 00 02 // AF_INET, big-endian host', IPV4_SYN));
  assertIpv6Syn(0, frameOf('18 00 00 00 // AF_INET6 24 (NetBSD, OpenBSD)', IPV6_SYN));
  assertIpv6Syn(0, frameOf('00 00 00 1c // AF_INET6 28 (FreeBSD), big-endian', IPV6_SYN));
  assertIpv6Syn(0, frameOf('1e 00 00 00 // AF_INET6 30 (macOS)', IPV6_SYN));
  assert.equal(decode(0, frameOf('07 00 00 00 // AF_OSI', IPV4_SYN)).status, DecodeStatus.NotTcp);
  assert.equal(decode(0, frameOf('02 00 00 // three bytes')).status, DecodeStatus.Truncated);
});

test('OpenBSD loop (108): the family always in network byte order', () => {
  assertIpv4Syn(108, frameOf('00 00 00 02 // AF_INET', IPV4_SYN));
  assertIpv6Syn(108, frameOf('00 00 00 18 // AF_INET6 24', IPV6_SYN));
  assert.equal(decode(108, frameOf('02 00 00 00 // little-endian: not a family', IPV4_SYN)).status, DecodeStatus.NotTcp);
});

test('raw IP (101, and DLT_RAW written as 12 or 14): the version nibble decides', () => {
  for (const linkType of [101, 12, 14]) {
    assertIpv4Syn(linkType, frameOf(IPV4_SYN));
    assertIpv6Syn(linkType, frameOf(IPV6_SYN));
    assert.equal(decode(linkType, frameOf('50 // version 5', '00'.repeat(39))).status, DecodeStatus.NotTcp);
    assert.equal(decode(linkType, new Uint8Array(0)).status, DecodeStatus.Truncated);
  }
});

test('LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229): the other version is malformed', () => {
  assertIpv4Syn(228, frameOf(IPV4_SYN));
  assertIpv6Syn(229, frameOf(IPV6_SYN));
  assert.equal(decode(228, frameOf(IPV6_SYN)).status, DecodeStatus.Malformed);
  assert.equal(decode(229, frameOf(IPV4_SYN, '00'.repeat(20))).status, DecodeStatus.Malformed);
});

test('other link types are reported as unsupported, with a name for the summary', () => {
  assert.equal(decode(127, frameOf(IPV4_SYN)).status, DecodeStatus.UnsupportedLinkType);
  assert.equal(linkTypeName(127), 'IEEE 802.11 radiotap');
  assert.equal(linkTypeName(276), 'Linux cooked capture v2 (SLL2)');
  assert.equal(linkTypeName(150), 'user-defined (DLT_USER3)');
  assert.equal(linkTypeName(65000), 'unknown');
  assert.ok([0, 1, 12, 14, 101, 108, 113, 228, 229, 276].every(isSupportedLinkType));
  assert.equal(isSupportedLinkType(127), false);
});
