/**
 * A hover is Markdown that VS Code renders trusted for our panel commands, and parts of it come from
 * the file under the cursor: a crafted file must not be able to add a link, an image or HTML. Each
 * hover of these files is rendered by a CommonMark renderer (markdown-it, with GFM tables and bare
 * URLs linked as VS Code's renderer does), and every link it finds must be one the catalog writes.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { CLASS_DOCS, METHOD_DOCS, commandLink, docUrl, renderHover, type HoverOptions } from '../../../src/analysis/catalog';
import type { ArgInfo, SymbolTarget } from '../../../src/analysis';
import type { RuleCode } from '../../../src/analysis/types';
import { getAnalyzer, py } from './helpers';

const md = new MarkdownIt({ html: true, linkify: true });
// GFM links bare URLs with a scheme and `www.` ones; a bare `torch.optim.lr` (a country's domain) it
// leaves alone, so the fuzzy matching is off and `www.` text is looked for in the text itself.
md.linkify.set({ fuzzyLink: false });

const STATE = { from: 'test' };
const ruleHref = (code: RuleCode) => `file:///extension/docs/rules/${code}.md`;
const options: HoverOptions = {
  t: (s) => s,
  rule: (code) => ({ href: ruleHref(code), summary: `summary of ${code}` }),
  rulesConcerning: () => ['OL001', 'OL003'] as RuleCode[],
  panelState: () => STATE,
};

/** Every link target the catalog itself may write. */
const CATALOG_LINKS = new Set<string>([
  ...CLASS_DOCS.flatMap((d) => [docUrl(d), docUrl(d, true)]),
  ...METHOD_DOCS.map((m) => m.url),
  ruleHref('OL001' as RuleCode),
  ruleHref('OL003' as RuleCode),
  commandLink('compareOptimizers', STATE),
  commandLink('showLrSchedule', STATE),
]);

interface Markup {
  readonly links: string[];
  readonly images: string[];
  readonly html: string[];
  /** Text outside code spans and blocks: where a renderer may still find a link. */
  readonly prose: string[];
}

function markupOf(markdown: string): Markup {
  const found: Markup = { links: [], images: [], html: [], prose: [] };
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'link_open') found.links.push(token.attrGet('href') ?? '');
      if (token.type === 'image') found.images.push(token.attrGet('src') ?? '');
      if (token.type === 'html_inline' || token.type === 'html_block') found.html.push(token.content);
      if (token.type === 'text') found.prose.push(token.content);
      if (token.children) visit(token.children);
    }
  };
  visit(md.parse(markdown, {}));
  return found;
}

/** The hovers on every character of `text` that has one, deduplicated. */
async function hoversOf(text: string): Promise<string[]> {
  const doc = (await getAnalyzer()).open(text);
  try {
    const hovers = new Set<string>();
    for (let offset = 0; offset < text.length; offset++) {
      const target = doc.symbolAt(offset);
      const rendered = target && renderHover(target, options);
      if (rendered) hovers.add(rendered);
    }
    return [...hovers];
  } finally {
    doc.dispose();
  }
}

const EVIL = [
  '[run](command:workbench.action.terminal.new?%5B%22x%22%5D)',
  '[trusted](command:optimLens.compareOptimizers?%5B%7B%22surface%22%3A%22x%22%7D%5D)',
  '![beacon](https://evil.example/pixel.png)',
  '<img src="https://evil.example/i.png">',
  'https://evil.example/bare www.evil.example',
].join(' ');

/** `EVIL` as comment lines, after a blank line: inside brackets, Python reads on; Markdown does not. */
const COMMENTS = `# SECRET_COMMENT\n\n# ${EVIL}\n\n# ${EVIL}`;

const CRAFTED: readonly (readonly [string, string])[] = [
  ['receivers with a blank line and comments inside their brackets', py`
    import torch
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=10)
    for epoch in range(10):
        for x, y in loader:
            opt.zero_grad()
            criterion(model(x),  ${COMMENTS}
    y).backward()
            (opt if x else  ${COMMENTS}
    opt).step()
            (sched if x else  ${COMMENTS}
    sched).step()
  `],
  ['arguments written with comments, blank lines and strings', py`
    import torch
    MODE = '${EVIL}'
    opt = torch.optim.AdamW(
        model.parameters(),
        lr=(args.lr  ${COMMENTS}
    ),
        weight_decay=getattr(args, '${EVIL}'),
        betas=(0.9,  ${COMMENTS}
               0.999),
    )
    plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode=MODE)
    lam = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=(lambda e: (0.95  ${COMMENTS}
    ** e)))
  `],
];

describe('no hover of a crafted file renders markup the catalog did not write', () => {
  it.each(CRAFTED)('%s', async (_name, source) => {
    const hovers = await hoversOf(source);
    expect(hovers.length).toBeGreaterThan(2);
    for (const hover of hovers) {
      const { links, images, html, prose } = markupOf(hover);
      expect(images, hover).toEqual([]);
      expect(html, hover).toEqual([]);
      expect(prose.filter((p) => /www\.|evil/.test(p)), hover).toEqual([]);
      for (const href of links) expect(CATALOG_LINKS, `${href} in\n${hover}`).toContain(href);
      // Comments are the author's notes, not the call: a hover never shows them.
      expect(hover).not.toContain('SECRET_COMMENT');
    }
  });

  it('the receiver is shown on one line, without its comment', async () => {
    const hovers = await hoversOf(py`
      import torch
      opt = torch.optim.SGD(model.parameters(), lr=0.1)
      for x in loader:
          opt.zero_grad()
          loss.backward()
          (opt if x  # a note

           else opt).step()
    `);
    expect(hovers.filter((h) => h.includes('.step()`**'))[0]?.split('\n')[0]).toBe('**`(opt if x else opt).step()`** · torch.optim.SGD');
  });
});

describe('any source text in any place of a hover', () => {
  // Whatever the parser lets through: fragments that end, open or escape Markdown constructs.
  const FRAGMENTS = ['\n', '\n\n', '\r\n\r\n', '\r', '\u2028', '`', '``', '```', '~~~', '[', ']', '(', ')', '![', '](', '<', '>', '|', '#', '"', "'", '\\', '*', '_', '&#60;', '&lt;', '    ', 'https://evil.example/p.png', 'www.evil.example', 'command:x.y?%5B%5D', '<img src=x>', 'a', ' '];
  const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }).map((parts) => parts.join(''));
  const at = { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } };

  it('renders no markup the catalog did not write', () => {
    fc.assert(
      fc.property(text, text, text, fc.constantFrom('literal', 'constant', 'unresolved', 'default') as fc.Arbitrary<ArgInfo['origin']>, (receiver, written, value, origin) => {
        const arg: ArgInfo = { name: 'lr', written: origin === 'default' ? null : written, value, origin };
        const construction = { kind: 'scheduler' as const, cls: 'LambdaLR', range: at, nameRange: at, args: [arg, { ...arg, name: 'lr_lambda' }], opaque: false };
        const targets: SymbolTarget[] = [
          { k: 'class', kind: 'scheduler', cls: 'LambdaLR', range: at, construction },
          { k: 'method', method: 'step', receiver: { kind: 'scheduler', cls: 'LambdaLR', name: receiver }, loop: 'batch', range: at, construction },
          { k: 'method', method: 'backward', receiver: { kind: 'loss', cls: null, name: receiver }, loop: 'epoch', range: at },
        ];
        for (const target of targets) {
          const hover = renderHover(target, options)!;
          const { links, images, html, prose } = markupOf(hover);
          expect(images, hover).toEqual([]);
          expect(html, hover).toEqual([]);
          expect(prose.filter((p) => /www\.|evil/.test(p)), hover).toEqual([]);
          for (const href of links) expect(CATALOG_LINKS, `${href} in\n${hover}`).toContain(href);
        }
      }),
      { numRuns: 300, seed: 19 },
    );
  });
});
