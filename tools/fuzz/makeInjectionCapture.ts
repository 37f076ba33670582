/**
 * Writes test/fixtures/hostile/injection.pcapng: a capture whose every string option is an HTML or
 * script payload, for the browser test that opens it in the capture editor and asserts that nothing
 * runs and every payload shows as literal text. Two real handshakes give the table rows to render.
 *
 *   node --import tsx tools/fuzz/makeInjectionCapture.ts
 *
 * Each payload, if it ever ran, would set `document.body.dataset.pwned`, mostly to the name of the
 * field it came from, so the test can say which field was not escaped.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PcapngWriter } from '../../src/generator/pcapngWriter.js';
import { handshakeFrames } from './handshakeFrames.js';

/** Text that executes if it reaches innerHTML, an attribute, or a template unescaped. */
export const INJECTION_PAYLOADS = {
  /** shb_comment: the classic broken-image handler, for comments shown in a banner or hover. */
  sectionComment: '<img src=x onerror="document.body.dataset.pwned=\'shb_comment\'">',
  /** shb_hardware: a script element, which innerHTML does not run but a document.write or a template would. */
  hardware: '<script>document.body.dataset.pwned=\'shb_hardware\'</script>',
  /** shb_os: an attribute breakout, for text placed inside title="…" or value="…". */
  os: '"><svg onload="document.body.dataset.pwned=\'shb_os\'">',
  /** shb_userappl: a javascript: URL, for text that ever becomes a link. */
  application: 'javascript:document.body.dataset.pwned=\'shb_userappl\'//<a href="javascript:alert(1)">x</a>',
  /** if_name: markup in the interface column and in the capture summary. */
  interfaceName: '<b onmouseover="document.body.dataset.pwned=\'if_name\'">eth0</b>',
  /** if_description: an iframe with srcdoc, for text rendered as HTML in a details pane. */
  interfaceDescription: '<iframe srcdoc="<script>parent.document.body.dataset.pwned=\'if_description\'</script>"></iframe>',
  /** opt_comment of the interface: a style element that would restyle the page (no script needed). */
  interfaceComment: '<style>body{display:none}</style><img src=x onerror="document.body.dataset.pwned=\'if_comment\'">',
  /** opt_comment of a packet: template syntax, for frameworks that interpolate {{…}} or ${…}. */
  packetComment: '{{constructor.constructor(\'document.body.dataset.pwned=1\')()}}${document.body.dataset.pwned=\'epb_comment\'}',
  /** opt_comment of another packet: a closing tag then script, for text put inside <textarea> or <title>. */
  packetCommentClose: '</textarea></title><script>document.body.dataset.pwned=\'epb_comment_close\'</script>',
  /** NRB name: a host name is shown beside addresses; a name can hold anything the file says. */
  resolvedName: '<img src=x onerror="document.body.dataset.pwned=\'nrb_name\'">.example',
  /** A second NRB name: an event handler with no quotes and no spaces, which naive filters miss. */
  resolvedNameUnquoted: '<svg/onload=document.body.dataset.pwned=1>',
} as const;

const T = 1_700_000_000;

export function injectionCapture(): Uint8Array {
  const p = INJECTION_PAYLOADS;
  const writer = new PcapngWriter({
    comment: p.sectionComment, hardware: p.hardware, os: p.os, application: p.application,
    interfaces: [{ linkType: 1, name: p.interfaceName, description: p.interfaceDescription, comment: p.interfaceComment }],
  });
  writer.addNameResolution([
    { ipv4: '192.168.11.250', names: [p.resolvedName] },
    { ipv4: '192.168.0.2', names: [p.resolvedNameUnquoted] },
  ]);
  const first = handshakeFrames({ linkType: 1, client: '192.168.0.2', clientPort: 40000, server: '192.168.11.250', serverPort: 3306, tsval: 100 });
  const second = handshakeFrames({ linkType: 1, client: '192.168.0.2', clientPort: 40001, server: '192.168.11.250', serverPort: 3306, tsval: 200 });
  first.forEach((frame, i) => writer.addRecord(T + i * 0.001, frame, 0, frame.length, i === 0 ? p.packetComment : undefined));
  second.forEach((frame, i) => writer.addRecord(T + 1 + i * 0.001, frame, 0, frame.length, i === 0 ? p.packetCommentClose : undefined));
  return writer.bytes();
}

export const INJECTION_CAPTURE_PATH = 'test/fixtures/hostile/injection.pcapng';

if (require.main === module) {
  const path = resolve(__dirname, '../..', INJECTION_CAPTURE_PATH);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, injectionCapture());
  process.stdout.write(`wrote ${path}\n`);
}
