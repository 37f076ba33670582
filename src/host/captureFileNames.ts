/**
 * The names the capture editor claims. The readers go by a file's first bytes, not its name; these are
 * only what VS Code matches on (package.json's customEditors selector lists the same names, and
 * `handshake-lens-set:/**`, so that a capture set's URI opens in the capture editor wherever VS Code
 * opens it, such as from its problems in the Problems panel).
 */
const CAPTURE_EXTENSIONS = ['cap', 'pcap', 'pcapng'];
/** `tcpdump -z gzip` and log rotation leave `.gz`; Wireshark reads `.zst` and `.lz4` too. */
const COMPRESSED_EXTENSIONS = ['gz', 'zst', 'lz4'];

const NAME_ENDINGS = [
  ...CAPTURE_EXTENSIONS,
  ...CAPTURE_EXTENSIONS.flatMap((capture) => COMPRESSED_EXTENSIONS.map((compressed) => `${capture}.${compressed}`)),
];

/** A capture's path, compressed or not: `x.pcap`, `x.pcapng.zst`. */
export const CAPTURE_PATH = new RegExp(`\\.(${CAPTURE_EXTENSIONS.join('|')})(\\.(${COMPRESSED_EXTENSIONS.join('|')}))?$`, 'i');

export const CAPTURE_GLOB = `**/*.{${NAME_ENDINGS.join(',')}}`;

/** For the file dialog, which matches only the last extension. */
export const DIALOG_EXTENSIONS = [...CAPTURE_EXTENSIONS, ...COMPRESSED_EXTENSIONS];
