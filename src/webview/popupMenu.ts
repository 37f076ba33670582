/**
 * A context menu in the manner of VS Code's own (role=menu): opened by a right-click, the context-menu
 * key or Shift+F10, or a toolbar button; arrows move between the items, Enter or Space chooses, Escape
 * or a click elsewhere closes it and gives the focus back. Check items stay open, so several columns can
 * be shown or hidden in one go. One menu at a time.
 */
import { codicon, element } from './dom.js';

export type MenuItem =
  | { kind: 'check'; label: string; testId: string; checked: boolean; disabled?: boolean; onToggle(): boolean }
  | { kind: 'action'; label: string; testId: string; icon?: string; keys?: string; disabled?: boolean; onChoose(): void }
  | { kind: 'separator' };

let openMenu: { element: HTMLElement; close(refocus: boolean): void } | undefined;

export function closeMenu(): void {
  openMenu?.close(false);
}

/** Opens the menu at a point of the viewport (a right-click's), kept inside the window. */
export function showMenu(items: MenuItem[], at: { x: number; y: number }, label: string, testId: string, returnFocus: HTMLElement): void {
  closeMenu();
  const menu = element('div', { className: 'popup-menu', testId, attributes: { role: 'menu', 'aria-label': label, tabindex: '-1' } });
  const entries: HTMLElement[] = [];
  for (const item of items) {
    if (item.kind === 'separator') {
      menu.append(element('div', { className: 'menu-separator', attributes: { role: 'separator' } }));
      continue;
    }
    const entry = element('div', {
      className: 'menu-item',
      testId: item.testId,
      attributes: { role: item.kind === 'check' ? 'menuitemcheckbox' : 'menuitem', tabindex: '-1', 'aria-disabled': String(item.disabled === true) },
    });
    const icon = item.kind === 'check' ? 'check' : item.icon;
    const mark = icon ? codicon(icon) : element('span', { className: 'codicon', attributes: { 'aria-hidden': 'true' } });
    entry.append(mark, element('span', { className: 'menu-label', text: item.label }));
    if (item.kind === 'action' && item.keys) entry.append(element('span', { className: 'menu-keys', text: item.keys }));
    const showChecked = (checked: boolean) => {
      entry.setAttribute('aria-checked', String(checked));
      mark.classList.toggle('menu-unchecked', !checked);
    };
    if (item.kind === 'check') showChecked(item.checked);
    const choose = () => {
      if (item.disabled) return;
      if (item.kind === 'check') showChecked(item.onToggle());
      else {
        close(true);
        item.onChoose();
      }
    };
    entry.addEventListener('click', choose);
    entry.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      choose();
    });
    entry.addEventListener('pointerenter', () => entry.focus());
    entries.push(entry);
    menu.append(entry);
  }
  const focusAt = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
  menu.addEventListener('keydown', (event) => {
    const current = entries.indexOf(document.activeElement as HTMLElement);
    switch (event.key) {
      case 'ArrowDown': focusAt(current + 1); break;
      case 'ArrowUp': focusAt(current < 0 ? -1 : current - 1); break;
      case 'Home': focusAt(0); break;
      case 'End': focusAt(-1); break;
      case 'Escape': close(true); break;
      case 'Tab': close(true); break;
      default: return;
    }
    event.preventDefault();
    event.stopPropagation();
  });
  const onOutside = (event: PointerEvent) => {
    if (!menu.contains(event.target as Node)) close(false);
  };
  const onBlur = () => close(false);
  function close(refocus: boolean): void {
    if (openMenu?.element !== menu) return;
    openMenu = undefined;
    document.removeEventListener('pointerdown', onOutside, true);
    window.removeEventListener('blur', onBlur);
    menu.remove();
    if (refocus) returnFocus.focus();
  }
  document.body.append(menu);
  // Inside the window: a right-click near the right or bottom edge opens the menu to the left or above.
  const { width, height } = menu.getBoundingClientRect();
  menu.style.left = `${Math.max(0, Math.min(at.x, window.innerWidth - width - 4)) + window.scrollX}px`;
  menu.style.top = `${Math.max(0, at.y + height > window.innerHeight ? at.y - height : at.y) + window.scrollY}px`;
  openMenu = { element: menu, close };
  document.addEventListener('pointerdown', onOutside, true);
  window.addEventListener('blur', onBlur);
  focusAt(0);
}

/** The point below an element, where a menu opened from the keyboard or a button appears. */
export function below(anchor: HTMLElement): { x: number; y: number } {
  const box = anchor.getBoundingClientRect();
  return { x: box.left, y: box.bottom + 2 };
}
