/**
 * Builds elements with text set through textContent only: nothing from a capture (file names, pcapng
 * comments, interface names) ever reaches innerHTML.
 */

export interface ElementOptions {
  className?: string;
  text?: string;
  title?: string;
  testId?: string;
  attributes?: Record<string, string>;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title) node.title = options.title;
  if (options.testId) node.dataset.testid = options.testId;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** A codicon from the bundled @vscode/codicons font. */
export function codicon(name: string): HTMLSpanElement {
  return element('span', { className: `codicon codicon-${name}`, attributes: { 'aria-hidden': 'true' } });
}

export function button(label: string, icon: string, testId: string, onClick: () => void): HTMLButtonElement {
  const node = element('button', { className: 'action-button', testId, attributes: { type: 'button' } }, [codicon(icon), element('span', { text: label })]);
  node.addEventListener('click', onClick);
  return node;
}

export function clear(node: Element): void {
  node.replaceChildren();
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}
