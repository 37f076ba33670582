import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { decode, frameOf } from './layerFixtures.js';
import {
  assertInnerIpv4Syn, assertTruncatedAtEveryByte, inEthernet, INNER_ETHERNET_SYN, LINKTYPE_ETHERNET, lengthOf, outerIpv4,
  outerIpv6, udpHeader,
} from './tunnelFixtures.js';

const PROTOCOL_UDP = 17;

function vxlanHeader(flags = '08', reserved = '00 00 00', vni = '00 00 01', last = '00'): string {
  return `
    ${flags}                 // flags: I (VNI valid)
    ${reserved}              // reserved
    ${vni}                   // VNI
    ${last}                  // reserved
`;
}

function vxlanFrame(port: number, header = vxlanHeader()): Uint8Array {
  const udpPayload = lengthOf(header) + lengthOf(INNER_ETHERNET_SYN);
  return inEthernet(outerIpv4(PROTOCOL_UDP, 8 + udpPayload) + udpHeader(port, udpPayload) + header + INNER_ETHERNET_SYN);
}

test('VXLAN on UDP 4789 and on flannel\'s 8472 gives the inner SYN, with the outer addresses and the VNI', () => {
  for (const port of [4789, 8472]) {
    assertInnerIpv4Syn(LINKTYPE_ETHERNET, vxlanFrame(port), { kind: 'vxlan', outer: '10.0.0.1 → 10.0.0.2', vni: 1 });
  }
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, vxlanFrame(4789, vxlanHeader('08', '00 00 00', 'ff ff ff')), { kind: 'vxlan', outer: '10.0.0.1 → 10.0.0.2', vni: 0xffffff });
});

test('VXLAN over IPv6, and with a VLAN tag inside', () => {
  const tagged = `02 00 00 00 00 02 02 00 00 00 00 01 // MACs
    81 00 00 64 // 802.1Q, VLAN 100
    08 00 // ethertype IPv4
    ${INNER_ETHERNET_SYN.split('08 00 // ethertype IPv4')[1]}`;
  const payload = 8 + lengthOf(tagged);
  const frame = frameOf('02 00 00 00 00 02 02 00 00 00 00 01 // MACs', '86 dd // IPv6', outerIpv6(PROTOCOL_UDP, 8 + payload), udpHeader(4789, payload), vxlanHeader(), tagged);
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, frame, { kind: 'vxlan', outer: 'fd00::1 → fd00::2', vni: 1 });
});

test('a UDP 4789 datagram whose header is not VXLAN\'s (no I flag, another flag, reserved bits) is not TCP', () => {
  for (const header of [vxlanHeader('00'), vxlanHeader('88'), vxlanHeader('08', '00 01 00'), vxlanHeader('08', '00 00 00', '00 00 01', '01')]) {
    assert.equal(decode(LINKTYPE_ETHERNET, vxlanFrame(4789, header)).status, DecodeStatus.NotTcp);
  }
  assert.equal(decode(LINKTYPE_ETHERNET, vxlanFrame(4790)).status, DecodeStatus.NotTcp, 'another port');
});

test('a VXLAN header longer than its UDP payload is an overrun', () => {
  const frame = inEthernet(outerIpv4(PROTOCOL_UDP, 8 + 4) + udpHeader(4789, 4) + '08 00 00 00 // half a VXLAN header');
  assert.equal(decode(LINKTYPE_ETHERNET, frame).status, DecodeStatus.TunnelOverrun);
  const noInnerFrame = inEthernet(outerIpv4(PROTOCOL_UDP, 8 + 8 + 6) + udpHeader(4789, 14) + vxlanHeader() + '02 00 00 00 00 02 // MAC');
  assert.equal(decode(LINKTYPE_ETHERNET, noInnerFrame).status, DecodeStatus.TunnelOverrun);
});

test('a VXLAN frame cut by the snaplen at any byte', () => {
  assertTruncatedAtEveryByte(LINKTYPE_ETHERNET, vxlanFrame(4789));
});
