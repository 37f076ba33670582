/** Which webviews show which capture (a capture can be open in several editor groups at once). */
import type * as vscode from 'vscode';
import type { CaptureWebview } from './captureWebview.js';

export class CaptureEditorRegistry {
  private readonly views = new Map<string, Set<CaptureWebview>>();

  add(uri: vscode.Uri, view: CaptureWebview): vscode.Disposable {
    const key = uri.toString();
    const set = this.views.get(key) ?? new Set<CaptureWebview>();
    set.add(view);
    this.views.set(key, set);
    return {
      dispose: () => {
        set.delete(view);
        if (set.size === 0) this.views.delete(key);
      },
    };
  }

  viewsOf(uri: vscode.Uri | string): CaptureWebview[] {
    return [...(this.views.get(uri.toString()) ?? [])];
  }

  /** Every open capture editor's view. */
  allViews(): CaptureWebview[] {
    return [...this.views.values()].flatMap((set) => [...set]);
  }

  /** URIs of every capture open in an editor. */
  openCaptures(): string[] {
    return [...this.views.keys()];
  }

  /** The capture of the focused capture editor, if one has focus. */
  activeCapture(): vscode.Uri | undefined {
    return this.activeView()?.uri;
  }

  /** The focused capture editor, if one has focus. */
  activeView(): CaptureWebview | undefined {
    for (const set of this.views.values()) {
      for (const view of set) if (view.isActive) return view;
    }
    return undefined;
  }
}
