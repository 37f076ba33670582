/**
 * The webview's end of the host messages: posts typed messages and pairs each request with its reply
 * by requestId (hexeditor's MessageHandler, reduced to what this page asks).
 */
import {
  MessageType,
  type DetailReplyMessage,
  type FromWebviewMessage,
  type PageReplyMessage,
  type RequestDetailMessage,
  type RequestPageMessage,
  type ToWebviewMessage,
} from '../shared/webviewProtocol.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type Reply = PageReplyMessage | DetailReplyMessage;
type Request = Omit<RequestPageMessage, 'requestId'> | Omit<RequestDetailMessage, 'requestId'>;

export class HostChannel {
  private readonly api = acquireVsCodeApi();
  private nextRequestId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  constructor(private readonly onMessage: (message: ToWebviewMessage) => void) {
    window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => this.receive(event.data));
  }

  post(message: FromWebviewMessage): void {
    this.api.postMessage(message);
  }

  /** The webview's state, which VS Code keeps while the editor is open, hidden or reloaded. */
  getState(): unknown {
    return this.api.getState();
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }

  requestPage(request: Omit<RequestPageMessage, 'type' | 'requestId'>): Promise<PageReplyMessage> {
    return this.request({ ...request, type: MessageType.RequestPage }) as Promise<PageReplyMessage>;
  }

  requestDetail(handshakeId: number): Promise<DetailReplyMessage> {
    return this.request({ type: MessageType.RequestDetail, handshakeId }) as Promise<DetailReplyMessage>;
  }

  private request(message: Request): Promise<Reply> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      this.post({ ...message, requestId } as FromWebviewMessage);
    });
  }

  private receive(message: ToWebviewMessage): void {
    if (!message || typeof message !== 'object') return;
    if (message.type === MessageType.PageReply || message.type === MessageType.DetailReply) {
      const resolve = this.pending.get(message.requestId);
      this.pending.delete(message.requestId);
      resolve?.(message);
      return;
    }
    this.onMessage(message);
  }
}
