/**
 * The server speaks the client's language: the `locale` of `initialize` (an editor's display
 * language, `zh-CN`, `zh-cn`, `en-US`), else the terminal's, as the CLI does (src/cli/l10n.ts).
 */
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cliLocale } from '../cli/l10n';

/** Loads the translations for `locale` from `bundleDir`; returns the locale used. */
export function configureServerL10n(locale: string | undefined, env: NodeJS.ProcessEnv, bundleDir: string): string {
  const chosen = cliLocale(locale ? { OPTIM_LENS_LOCALE: locale } : env);
  const file = path.join(bundleDir, `bundle.l10n.${chosen}.json`);
  if (chosen !== 'en' && existsSync(file)) l10n.config({ fsPath: file });
  return chosen;
}
