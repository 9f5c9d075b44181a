// Rewrites what is derived from the rule list (src/analysis/rules/index.ts) and kept in files:
// docs/rules/CODE.md, package.json's `optimLens.severity` properties and their English
// descriptions in package.nls.json. Chinese descriptions cannot be derived: missing ones are
// listed, to be added to package.nls.zh-cn.json by hand. Unit tests fail until this has run.
// Usage: node scripts/rules.mjs
import * as esbuild from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(os.tmpdir(), `optim-lens-rules-${process.pid}.cjs`);
await esbuild.build({
  stdin: {
    contents: [
      "export { RULES } from './src/analysis/rules';",
      "export { renderRulePage } from './src/analysis/rules/docs';",
      "export { severityDescriptions, severityProperties } from './src/analysis/rules/manifest';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile,
  logLevel: 'warning',
});
const { RULES, renderRulePage, severityDescriptions, severityProperties } = createRequire(import.meta.url)(outfile);
rmSync(outfile);

const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const writeJson = (file, value) => writeFileSync(path.join(root, file), `${JSON.stringify(value, null, 2)}\n`);

for (const rule of RULES) writeFileSync(path.join(root, rule.docs), renderRulePage(rule));

const manifest = readJson('package.json');
manifest.contributes.configuration.properties['optimLens.severity'].properties = severityProperties(RULES);
writeJson('package.json', manifest);

const descriptions = severityDescriptions(RULES);
const stale = (key) => key.startsWith('config.severity.') && !(key in descriptions);
const en = Object.fromEntries(Object.entries(readJson('package.nls.json')).filter(([key]) => !stale(key)));
writeJson('package.nls.json', { ...en, ...descriptions });
const zh = readJson('package.nls.zh-cn.json');
const missing = Object.keys(descriptions).filter((key) => !zh[key]);
if (missing.length) console.log(`Add to package.nls.zh-cn.json (Chinese): ${missing.join(', ')}`);
console.log(`Wrote ${RULES.length} rule pages, package.json and package.nls.json.`);
