/**
 * `optim-lens lsp --stdio`: the language server on standard input and output, the transport every
 * LSP client speaks. The connection ends the process on `exit` (0 after `shutdown`, else 1) and
 * when the client's process, named in `initialize`, goes away.
 */
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { AnalyzerOptions } from '../analysis';
import { UsageError } from '../cli/io';
import { OptimLensServer } from './server';

export interface LspOptions {
  readonly parser: AnalyzerOptions;
  /** The folder the bundle runs from: `l10n/` and `docs/rules/` are beside it, one level up. */
  readonly bundleDir: string;
  readonly version?: string;
}

export function runLsp(args: readonly string[], options: LspOptions): Promise<never> {
  const unknown = args.find((a) => a !== '--stdio');
  if (unknown !== undefined) throw new UsageError(l10n.t('unknown option {0}', unknown));
  if (!args.includes('--stdio')) throw new UsageError(l10n.t('lsp needs --stdio: the server speaks LSP on standard input and output'));
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  const rules = path.join(options.bundleDir, '..', 'docs', 'rules');
  new OptimLensServer(connection, {
    parser: options.parser,
    l10nDir: path.join(options.bundleDir, '..', 'l10n'),
    ruleHref: (code) => {
      const page = path.join(rules, `${code}.md`);
      return existsSync(page) ? pathToFileURL(page).href : undefined;
    },
    version: options.version,
  });
  connection.listen();
  // The connection decides when the process ends; this command never returns an exit code itself.
  return new Promise<never>(() => undefined);
}
