/** The command ids contributed in package.json, in one place for the code that runs them. */
import { COPY_WIRESHARK_FILTER_COMMAND } from '../shared/lspExtensions.js';

export const Commands = {
  correlateCaptures: 'handshakeLens.correlateCaptures',
  correlateWithServerCapture: 'handshakeLens.correlateWithServerCapture',
  correlatePath: 'handshakeLens.correlatePath',
  openTextReport: 'handshakeLens.openTextReport',
  openCaptureSet: 'handshakeLens.openCaptureSet',
  copyWiresharkFilter: COPY_WIRESHARK_FILTER_COMMAND,
  exportFailedPackets: 'handshakeLens.exportFailedPackets',
  exportSelectedPackets: 'handshakeLens.exportSelectedPackets',
  exportRowsCsv: 'handshakeLens.exportRowsCsv',
  /** Internal: the target of the diagnostics' code links in the Problems panel. */
  revealAttempts: 'handshakeLens.revealAttempts',
} as const;
