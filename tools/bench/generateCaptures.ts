/**
 * Writes a benchmark capture as classic pcap and, on request, the same packets as pcapng, in one
 * streaming pass: packets are built as the capture reaches them and written through fixed buffers,
 * so memory stays flat whatever the size. Files already in bench-data/ under the same name are
 * reused as they are.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { buildTcpFrame } from '../../src/generator/frames.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { PcapngWriter } from '../../src/generator/pcapngWriter.js';
import { SeededRandom } from '../../src/generator/scenario/seededRandom.js';
import { BenchConnection } from './benchConnection.js';
import { clientAddress, EphemeralPorts, isIpv6Client, serverEndpoint } from './benchEndpoints.js';
import { BufferedFileWriter } from './bufferedFileWriter.js';
import { BENCH_DATA_DIR, capturePath, type CaptureParameters } from './captureParameters.js';
import { TimeOrderedHeap } from './timeOrderedHeap.js';
import { CLIENT_HOSTS, planTraffic, SERVERS } from './trafficPlan.js';

const LINKTYPE_ETHERNET = 1;

export interface GeneratedCaptures {
  pcap: string;
  pcapng?: string;
}

/** Returns the paths, generating only the files that are not cached yet. */
export function ensureCaptures(parameters: CaptureParameters, withPcapng: boolean, log: (line: string) => void): GeneratedCaptures {
  const pcap = capturePath(parameters, 'pcap');
  const pcapng = capturePath(parameters, 'pcapng');
  const needPcap = !existsSync(pcap);
  const needPcapng = withPcapng && !existsSync(pcapng);
  if (needPcap || needPcapng) {
    mkdirSync(BENCH_DATA_DIR, { recursive: true });
    const started = performance.now();
    log(`generating ${[needPcap && pcap, needPcapng && pcapng].filter(Boolean).join(' and ')} …`);
    writeCaptures(parameters, needPcap ? pcap : null, needPcapng ? pcapng : null);
    log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } else {
    log(`reusing ${pcap}${withPcapng ? ` and ${pcapng}` : ''}`);
  }
  return withPcapng ? { pcap, pcapng } : { pcap };
}

function writeCaptures(parameters: CaptureParameters, pcapPath: string | null, pcapngPath: string | null): void {
  const pcapWriter = new PcapWriter({ linkType: LINKTYPE_ETHERNET });
  const pcapngWriter = new PcapngWriter({ interfaces: [{ linkType: LINKTYPE_ETHERNET, name: 'eth0' }], application: 'handshake-lens bench' });
  const pcapFile = pcapPath === null ? null : new BufferedFileWriter(pcapPath);
  const pcapngFile = pcapngPath === null ? null : new BufferedFileWriter(pcapngPath);
  pcapFile?.write(pcapWriter.fileHeader());
  pcapngFile?.write(pcapngWriter.header());

  const clocks = new SeededRandom(parameters.seed ^ 0x5eed);
  const clientClocks = Array.from({ length: CLIENT_HOSTS }, () => clocks.uint32());
  const serverClocks = Array.from({ length: SERVERS }, () => clocks.uint32());
  const ports = new EphemeralPorts();
  const plan = planTraffic(parameters);
  const active = new TimeOrderedHeap<BenchConnection>();
  let nextPlanned = 0;
  let written = 0;
  while (written < parameters.packets) {
    // A connection joins the heap when its first SYN is due, so the heap holds only concurrent ones.
    const top = active.peek();
    if (nextPlanned < plan.length && (top === undefined || plan[nextPlanned].start <= top.nextTime)) {
      const planned = plan[nextPlanned++];
      const ipv6 = isIpv6Client(planned.clientHost);
      const client = { address: clientAddress(planned.clientHost), port: ports.take(planned.clientHost) };
      active.push(new BenchConnection(planned, client, serverEndpoint(planned.server, ipv6), clientClocks[planned.clientHost], serverClocks[planned.server]));
      continue;
    }
    if (top === undefined) throw new Error(`the traffic plan ran out after ${written} of ${parameters.packets} packets`);
    const packet = top.take();
    if (top.done) active.pop();
    else active.topChanged();
    const frame = buildTcpFrame(packet.spec);
    pcapFile?.write(pcapWriter.encodeRecord(packet.time, frame));
    pcapngFile?.write(pcapngWriter.encodeRecord(packet.time, frame));
    written++;
  }
  if (active.size > 0 || nextPlanned < plan.length) throw new Error('the traffic plan has more packets than planned');
  pcapFile?.close();
  pcapngFile?.close();
}
