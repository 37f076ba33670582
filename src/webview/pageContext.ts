/** What every part of the page needs: the labels, the time zone, the file name and the host channel. */
import type { TimeZoneSetting } from '../shared/webviewProtocol.js';
import type { WebviewStrings } from '../shared/webviewStrings.js';
import type { HostChannel } from './hostChannel.js';

export interface PageContext {
  strings: WebviewStrings;
  timeZone: TimeZoneSetting;
  fileName: string;
  /** The table's times carry their date: only when the capture spans more than one day. */
  datesInTimes?: boolean;
  size: number;
  channel: HostChannel;
  /** Along a path: the file names of its captures, as the rows' path steps index them. */
  pathFiles?: string[];
}
