/**
 * One capture opened in the editor. The bytes are never held here: `file:` captures are read by the
 * language server itself (streaming), other schemes (remote, virtual workspaces) are read once through
 * vscode.workspace.fs and handed to the server as content.
 */
import * as vscode from 'vscode';
import { captureSetPaths, CAPTURE_SET_SCHEME } from '../shared/captureSetUri.js';

/** Bytes of a set's files, for the size gate: a folder's files all count (the server reads only its captures). */
async function captureSetSize(uri: vscode.Uri): Promise<number> {
  const paths = captureSetPaths(uri.toString()) ?? [];
  const sizes = await Promise.all(paths.map(async (path) => {
    const member = vscode.Uri.file(path);
    const stat = await vscode.workspace.fs.stat(member);
    if ((stat.type & vscode.FileType.Directory) === 0) return stat.size;
    const entries = await vscode.workspace.fs.readDirectory(member);
    const files = entries.filter(([, type]) => type === vscode.FileType.File);
    const stats = await Promise.all(files.map(([name]) => vscode.workspace.fs.stat(vscode.Uri.joinPath(member, name))));
    return stats.reduce((total, file) => total + file.size, 0);
  }));
  return sizes.reduce((total, size) => total + size, 0);
}

export class CaptureDocument implements vscode.CustomDocument {
  static async open(uri: vscode.Uri): Promise<CaptureDocument> {
    if (uri.scheme === CAPTURE_SET_SCHEME) return new CaptureDocument(uri, await captureSetSize(uri));
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

/** Base64 bytes for the server when it cannot open the URI itself; undefined for `file:` and capture sets. */
export async function captureContent(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme === 'file' || uri.scheme === CAPTURE_SET_SCHEME) return undefined;
  const bytes = await vscode.workspace.fs.readFile(uri);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
