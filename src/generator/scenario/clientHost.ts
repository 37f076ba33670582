/**
 * A client host at run time: its TSval clock, its ephemeral ports and, behind NAT, the node's shared
 * NAT table (several pods hold the same one, which is what makes their clocks collide at the server).
 */
import { PortReservations } from './portReservations.js';
import type { ClientHostSpec } from './scenarioSpec.js';
import { TsvalClock } from './tsvalClock.js';

/** Linux net.ipv4.ip_local_port_range default. */
export const EPHEMERAL_FIRST = 32768;
export const EPHEMERAL_LAST = 60999;

export interface NodeNat {
  address: string;
  portMode: 'preserve' | 'random' | 'single';
  /** With portMode `single`: the one source port every connection leaves with. */
  port: number | null;
  ports: PortReservations;
  /** The SNAT race's window (ClientHostSpec.nat), µs; 0: none. */
  clashWindowUs: number;
  /** When the last first SYN to each server endpoint passed SNAT, simulation µs. */
  lastFirstSynUs: Map<string, number>;
}

export interface ClientHostState {
  spec: ClientHostSpec;
  clock: TsvalClock;
  ephemeralPorts: PortReservations;
  nat: NodeNat | null;
  timestamps: boolean;
}
