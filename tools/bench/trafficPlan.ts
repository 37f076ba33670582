/**
 * The connections of a benchmark capture, decided before any packet is written: who connects to whom,
 * when, how it ends, and how many packets each contributes, so that the file holds exactly the
 * requested number of records however the per-connection sizes fall.
 */
import { SeededRandom } from '../../src/generator/scenario/seededRandom.js';
import type { CaptureParameters } from './captureParameters.js';

/** How a connection attempt goes; Zeek's conn_state in brackets. */
export type ConnectionFate =
  | 'established' // handshake, data, FIN teardown (SF)
  | 'refused' // SYN answered by RST (REJ)
  | 'no-reply' // SYN and two retransmissions, nothing back (S0)
  | 'no-ack'; // SYN-ACK sent twice, never acknowledged (S1 without data)

export interface PlannedConnection {
  id: number;
  fate: ConnectionFate;
  /** Epoch seconds of the first SYN. */
  start: number;
  clientHost: number;
  server: number;
  /** Records this connection contributes to the file. */
  packets: number;
  /** The first SYN went unanswered and was retransmitted (one more record). */
  synRetransmitted: boolean;
  /** Draws for this connection only, so that one connection's packets do not shift another's. */
  random: SeededRandom;
}

/** 14 November 2023, 22:13:20 UTC: a fixed start keeps the bytes the same on every run. */
export const CAPTURE_START = 1_700_000_000;
/** Mean gap between connection attempts: 20,000 connections span about ten minutes. */
const MEAN_ARRIVAL_GAP = 0.03;
export const CLIENT_HOSTS = 400;
export const SERVERS = 24;

/** Records of each fate apart from its data: handshake and teardown for an established one. */
export const FIXED_PACKETS: Record<ConnectionFate, number> = { established: 6, refused: 2, 'no-reply': 3, 'no-ack': 3 };

function drawFate(random: SeededRandom): ConnectionFate {
  const draw = random.next();
  if (draw < 0.006) return 'refused';
  if (draw < 0.011) return 'no-reply';
  if (draw < 0.013) return 'no-ack';
  return 'established';
}

/** A standard normal deviate (Box–Muller), for the log-normal spread of connection sizes. */
function normal(random: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

export function planTraffic(parameters: CaptureParameters): PlannedConnection[] {
  const random = new SeededRandom(parameters.seed);
  const plan: PlannedConnection[] = [];
  const weights: number[] = [];
  let time = CAPTURE_START;
  let fixed = 0;
  let weightSum = 0;
  for (let id = 0; id < parameters.connections; id++) {
    time += random.exponential(MEAN_ARRIVAL_GAP);
    const fate = drawFate(random);
    const synRetransmitted = fate === 'established' && random.chance(0.01);
    const packets = FIXED_PACKETS[fate] + (synRetransmitted ? 1 : 0);
    // Most connections are short (a few queries), a few carry bulk transfers: a log-normal spread.
    const weight = fate === 'established' ? Math.exp(1.3 * normal(random)) : 0;
    plan.push({
      id, fate, start: time, clientHost: random.int(0, CLIENT_HOSTS - 1), server: random.int(0, SERVERS - 1),
      packets, synRetransmitted, random: random.fork(id),
    });
    weights.push(weight);
    fixed += packets;
    weightSum += weight;
  }
  const data = parameters.packets - fixed;
  if (data < 0) throw new Error(`${parameters.packets} packets are too few for ${parameters.connections} connections`);
  let given = 0;
  for (let i = 0; i < plan.length; i++) {
    const share = Math.floor((data * weights[i]) / weightSum);
    plan[i].packets += share;
    given += share;
  }
  // Rounding leaves a few records over: one more each for the first established connections.
  for (let i = 0; given < data; i++) {
    if (plan[i].fate !== 'established') continue;
    plan[i].packets++;
    given++;
  }
  return plan;
}
