/**
 * The capture editor's HTML, free of the vscode module so that the browser test serves exactly the page
 * the extension does. The Content Security Policy allows no inline code or styles and no remote origin:
 * scripts run by nonce, styles, images and fonts come only from `cspSource`.
 */

export interface EditorPageParts {
  nonce: string;
  /** webview.cspSource in VS Code; the harness's own origin in the browser test. */
  cspSource: string;
  lang: string;
  styles: string[];
  scripts: string[];
  /** VS Code sets the theme class itself; the browser test sets it here. */
  bodyClass?: string;
}

export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function editorPageHtml(parts: EditorPageParts): string {
  const styles = parts.styles.map((href) => `<link rel="stylesheet" href="${attribute(href)}">`).join('\n');
  const scripts = parts.scripts.map((src) => `<script nonce="${attribute(parts.nonce)}" src="${attribute(src)}"></script>`).join('\n');
  const bodyClass = parts.bodyClass ? ` class="${attribute(parts.bodyClass)}"` : '';
  return `<!DOCTYPE html>
<html lang="${attribute(parts.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(parts.nonce, parts.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>Handshake Lens</title>
</head>
<body${bodyClass}>
<main id="app" data-testid="capture-editor" aria-busy="true"></main>
${scripts}
</body>
</html>`;
}
