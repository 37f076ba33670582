/**
 * The table's sort keys and text filter read from a view's columns (../analyzer/handshakes/attemptColumns.ts)
 * where it has them: the same keys and the same matches as handshakeQuery's reading of the records, made
 * without a record's getters or the texts of its endpoints.
 */
import type { AttemptColumns } from '../analyzer/handshakes/attemptColumns.js';
import { verdictOf } from '../analyzer/handshakes/verdict.js';
import { ipv4Text } from '../analyzer/layers/tcpPacket.js';
import { endpointText, type DiagnosisCode } from '../analyzer/model.js';
import type { FieldReading } from '../shared/attemptFilter/index.js';
import type { FilterField } from '../shared/attemptFilter/fields.js';
import type { HandshakeSort } from '../shared/lspExtensions.js';
import type { AttemptRows } from './attemptRows.js';
import { IPV6_KEYS_FROM, ipv4EndpointKeys } from './endpointOrder.js';
import { textRanks } from '../analyzer/keyOrder.js';
import type { SortKey } from './handshakeQuery.js';

/**
 * The keys of `selected` in the column, read from the view's columns into `keys`, when they hold the
 * column as numbers (time, ISN, RTT, endpoints); false otherwise. An IPv4 endpoint's key orders as its text; IPv6
 * endpoints are ranked by their text after every IPv4 one.
 */
export function columnKeys(view: AttemptRows, columns: AttemptColumns, column: HandshakeSort['column'], selected: Uint32Array, keys: Float64Array): boolean {
  if (column === 'time' || column === 'isn') {
    columns.read(column === 'time' ? 'synTime' : 'isn', selected, keys);
    return true;
  }
  if (column === 'rtt') {
    // Only an answered attempt has an RTT: the few that have are read from their records.
    columns.read('answered', selected, keys);
    for (let position = 0; position < keys.length; position++) keys[position] = keys[position] === 1 ? view.attemptAt(selected[position]!).rttMs ?? Infinity : Infinity;
    return true;
  }
  if (column !== 'client' && column !== 'server') return false;
  columns.read(column, selected, keys);
  const ipv6 = ipv4EndpointKeys(keys);
  if (ipv6.length === 0) return true;
  const ranks = textRanks(ipv6.map((position) => endpointText(columns.endpoint(selected[position]!, column === 'client'))));
  ipv6.forEach((position, at) => (keys[position] = IPV6_KEYS_FROM + ranks[at]!));
  return true;
}

/** The column's key read from the columns, or null for a column they do not hold (then the records are read). */
export function columnSortKey(columns: AttemptColumns, column: HandshakeSort['column']): SortKey | null {
  switch (column) {
    case 'outcome': return (index) => columns.outcome(index);
    case 'verdict': return (index) => verdictOf(columns.outcome(index));
    default: return null;
  }
}

/**
 * Whether the dotted quad of an IPv4 address (unsigned) contains `needle`, read from its octets: the
 * needle's parts between dots are the end of one octet's digits, whole octets, then the start of the
 * octet after them. Null when no address text can contain it (a character other than digits and dots).
 */
function addressTest(needle: string): ((address: number) => boolean) | null {
  if (!/^[0-9.]*$/.test(needle)) return null;
  const parts = needle.split('.');
  if (parts.length > 4) return null;
  const octets = Array.from({ length: 256 }, (_, octet) => String(octet));
  if (parts.length === 1) {
    const within = Uint8Array.from(octets, (digits) => Number(digits.includes(needle)));
    return (address) => (within[address >>> 24] | within[(address >>> 16) & 0xff] | within[(address >>> 8) & 0xff] | within[address & 0xff]) === 1;
  }
  const first = Uint8Array.from(octets, (digits) => Number(digits.endsWith(parts[0]!)));
  const last = Uint8Array.from(octets, (digits) => Number(digits.startsWith(parts[parts.length - 1]!)));
  const whole = parts.slice(1, -1);
  const octet = (address: number, at: number) => (address >>> (24 - 8 * at)) & 0xff;
  return (address) => {
    for (let start = 0; start + parts.length <= 4; start++) {
      if (!first[octet(address, start)] || !last[octet(address, start + parts.length - 1)]) continue;
      if (whole.every((part, at) => part === octets[octet(address, start + 1 + at)])) return true;
    }
    return false;
  };
}

/** Whether the text of one side's endpoint (endpointText, lower case) of a row contains `needle`. */
function endpointTest(columns: AttemptColumns, client: boolean, needle: string): (index: number) => boolean {
  const byText = (index: number) => endpointText(columns.endpoint(index, client)).toLowerCase().includes(needle);
  // Across the ':' before the port, or a bracket of IPv6: the text itself.
  if (/[:[\]]/.test(needle)) {
    return (index) => {
      const endpoint = columns.ipv4Endpoint(index, client);
      return endpoint < 0 ? byText(index) : `${ipv4Text(Math.floor(endpoint / 65_536))}:${endpoint % 65_536}`.includes(needle);
    };
  }
  const inAddress = addressTest(needle);
  // A port's text is digits only.
  const inPort = /^[0-9]+$/.test(needle) ? Uint8Array.from({ length: 65_536 }, (_, port) => Number(String(port).includes(needle))) : null;
  // A flood's server, a client's run of ports: one address row after row.
  let lastAddress = -1;
  let lastHas = false;
  return (index) => {
    const endpoint = columns.ipv4Endpoint(index, client);
    if (endpoint < 0) return byText(index);
    const address = Math.floor(endpoint / 65_536);
    if (address !== lastAddress) {
      lastAddress = address;
      lastHas = inAddress !== null && inAddress(address);
    }
    return lastHas || (inPort !== null && inPort[endpoint % 65_536] === 1);
  };
}

/** Whether a value of a field of few distinct values (an outcome, a cause) contains `needle`, found once per value. */
function valueTest(needle: string): (value: string) => boolean {
  const byValue = new Map<string, boolean>();
  // The value of the row before, most often the same.
  let last: string | null = null;
  let lastHas = false;
  return (value) => {
    if (value === last) return lastHas;
    let has = byValue.get(value);
    if (has === undefined) byValue.set(value, (has = value.toLowerCase().includes(needle)));
    last = value;
    lastHas = has;
    return has;
  };
}

/**
 * The text filter's test read from the columns: whether the row's line of id, client, server, verdict,
 * outcome and cause (handshakeQuery's haystack) contains `needle` (trimmed, lower case). A needle
 * without a space lies within one of those space-separated fields, so each is tested on its own, the
 * few distinct verdicts, outcomes and causes once each. Null for a needle with a space: the line itself.
 */
export function columnTextTest(view: AttemptRows, columns: AttemptColumns, needle: string): ((index: number, cause: DiagnosisCode | null) => boolean) | null {
  if (needle.includes(' ')) return null;
  const outcomeHas = valueTest(needle);
  const verdictHas = valueTest(needle);
  const causeHas = valueTest(needle);
  const idHas = /^[0-9]+$/.test(needle) ? (index: number) => String(view.attemptAt(index).id).includes(needle) : () => false;
  const clientHas = endpointTest(columns, true, needle);
  const serverHas = endpointTest(columns, false, needle);
  return (index, cause) => {
    const outcome = columns.outcome(index);
    return outcomeHas(outcome) || verdictHas(verdictOf(outcome)) || (cause !== null && causeHas(cause)) || clientHas(index) || serverHas(index) || idHas(index);
  };
}

/** The filter's fields of a row by index, read from its record and the view's finding about it. */
export function recordFieldReading(view: AttemptRows): FieldReading<number> {
  return (field: FilterField) => (index: number) => field.read({ attempt: view.attemptAt(index), finding: view.findingAt(index) });
}

/**
 * The expression filter's fields of a row by index, from the columns where they hold them (time, ISN,
 * SYNs, outcome, verdict, ports of IPv4 endpoints) or from what the view holds beside the records (id,
 * cause), else from the row's record: the values the fields' own reading of the record gives
 * (attemptFilter/fields.ts). A flood's `syns >= 1 && isn > …` read the SYNs' objects and the ISN through a
 * record's getters for each of ten million rows.
 */
export function columnFieldReading(view: AttemptRows, columns: AttemptColumns): FieldReading<number> {
  const byRecord = recordFieldReading(view);
  const port = (field: FilterField, client: boolean) => {
    const ofRecord = byRecord(field);
    return (index: number) => {
      const endpoint = columns.ipv4Endpoint(index, client);
      return endpoint < 0 ? ofRecord(index) : endpoint % 65_536;
    };
  };
  return (field) => {
    switch (field.name) {
      case 'id': return (index) => view.attemptAt(index).id;
      case 'time': return columns.reader('synTime');
      case 'isn': return columns.reader('isn');
      case 'syns': return columns.reader('synCount');
      case 'outcome': return (index) => columns.outcome(index);
      case 'verdict': return (index) => verdictOf(columns.outcome(index));
      case 'cause': return (index) => view.causeAt(index);
      case 'client.port': return port(field, true);
      case 'server.port': return port(field, false);
      default: return byRecord(field);
    }
  };
}
