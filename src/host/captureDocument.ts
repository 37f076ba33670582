/**
 * One capture opened in the editor. The bytes are never held here: `file:` captures are read by the
 * language server itself (streaming), other schemes (remote, virtual workspaces) are read once through
 * vscode.workspace.fs and handed to the server as content.
 */
import * as vscode from 'vscode';

export class CaptureDocument implements vscode.CustomDocument {
  static async open(uri: vscode.Uri): Promise<CaptureDocument> {
    const stat = await vscode.workspace.fs.stat(uri);
    return new CaptureDocument(uri, stat.size);
  }

  private readonly disposed = new vscode.EventEmitter<void>();
  /** Fired when the last editor of this capture closes. */
  readonly onDidDispose = this.disposed.event;
  /** The user agreed to read a capture over the size limit; asked once per document. */
  sizeConsent = false;

  private constructor(readonly uri: vscode.Uri, readonly size: number) {}

  get fileName(): string {
    return captureFileName(this.uri);
  }

  isOverSizeLimit(limitMB: number): boolean {
    return this.size > limitMB * 1024 * 1024;
  }

  dispose(): void {
    this.disposed.fire();
    this.disposed.dispose();
  }
}

export function captureFileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

/** Base64 bytes for the server when it cannot open the URI itself; undefined for `file:`. */
export async function captureContent(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme === 'file') return undefined;
  const bytes = await vscode.workspace.fs.readFile(uri);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
