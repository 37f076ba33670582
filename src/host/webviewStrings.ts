/**
 * The webview's labels in the language of the explanations, so that one editor never mixes two: the
 * setting's language when it names one (from the bundled zh-cn l10n file), else VS Code's display
 * language through vscode.l10n. The English text is the bundle key.
 */
import * as vscode from 'vscode';
import zhCnBundle from '../../l10n/bundle.l10n.zh-cn.json';
import { translatedStrings, type WebviewStrings } from '../shared/webviewStrings.js';
import { explanationLanguage } from './settings.js';

const ZH_CN: Record<string, string> = zhCnBundle;

export function webviewStrings(): WebviewStrings {
  switch (explanationLanguage()) {
    case 'zh-cn':
      return translatedStrings((english) => ZH_CN[english] ?? english);
    case 'en':
      return translatedStrings((english) => english);
    case 'auto':
      return translatedStrings((english) => vscode.l10n.t(english));
  }
}
