/**
 * Following a capture that is still being written: while it is followed, a "Following" badge and Pause
 * beside the reading line; once paused, a line over the overview with Resume. Pause ends the capture at
 * what its file holds (the final overview replaces the causes shown while following); Resume follows
 * on from there.
 */
import { MessageType } from '../shared/webviewProtocol.js';
import type { WebviewStrings } from '../shared/webviewStrings.js';
import type { HostChannel } from './hostChannel.js';
import { button, codicon, element } from './dom.js';

/** The badge and Pause shown in the reading line of a followed capture. */
export function renderFollowing(strings: WebviewStrings, channel: HostChannel): HTMLElement {
  const pause = button(strings.pauseFollowing, 'debug-pause', 'pause-following', () => {
    pause.disabled = true;
    channel.post({ type: MessageType.PauseFollowing });
  });
  return element('span', { className: 'following', testId: 'following' }, [
    element('span', { className: 'badge badge-following', testId: 'following-badge', title: strings.followingHint, attributes: { role: 'status' } }, [
      codicon('eye'), element('span', { text: strings.following }),
    ]),
    element('span', { className: 'muted', text: strings.followingRestOnPause }),
    pause,
  ]);
}

/** The line over a paused capture's overview, with Resume. */
export function renderFollowPaused(strings: WebviewStrings, channel: HostChannel): HTMLElement {
  const resume = button(strings.resumeFollowing, 'debug-continue', 'resume-following', () => {
    resume.disabled = true;
    channel.post({ type: MessageType.ResumeFollowing });
  });
  return element('div', { className: 'follow-paused', testId: 'follow-paused', attributes: { role: 'status' } }, [
    codicon('debug-pause'), element('span', { text: strings.followPaused }), resume,
  ]);
}
