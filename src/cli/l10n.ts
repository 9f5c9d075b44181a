import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Loads the CLI's translations (the same `l10n/bundle.l10n.<locale>.json` the extension uses) for
 * the terminal's language: `OPTIM_LENS_LOCALE`, else `LC_ALL`, `LC_MESSAGES`, `LANG` (`zh_CN.UTF-8` → `zh-cn`).
 */
export function configureCliL10n(env: NodeJS.ProcessEnv, bundleDir = path.join(__dirname, '..', 'l10n')): string {
  const locale = cliLocale(env);
  const file = path.join(bundleDir, `bundle.l10n.${locale}.json`);
  if (locale !== 'en' && existsSync(file)) l10n.config({ fsPath: file });
  return locale;
}

export function cliLocale(env: NodeJS.ProcessEnv): string {
  const raw = env.OPTIM_LENS_LOCALE || env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en';
  const tag = raw.split('.')[0]!.replace('_', '-').toLowerCase();
  if (tag.startsWith('zh')) return tag === 'zh-tw' || tag === 'zh-hk' ? 'zh-tw' : 'zh-cn';
  return tag === 'c' || tag === 'posix' || tag === '' ? 'en' : tag;
}


