/**
 * Names a file imports from other project files, found in its text before anything is parsed:
 * the prefilter must read every statement using one (a call into another file may step or clear
 * whatever the statement's own words), and `tnt.train(…)` is only followed for such a `tnt`.
 */
import type { Link } from './link';

// `from M import a, b as c` (parenthesised over lines too) and `import a.b, c as d`, anywhere.
const FROM_IMPORT = /^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^#\n]*)/gm;
const IMPORT = /^[ \t]*import[ \t]+([^#\n]*)/gm;

export function projectImportNames(text: string, link: Link): string[] {
  if (!text.includes('import')) return [];
  const names = new Set<string>();
  for (const m of text.matchAll(FROM_IMPORT)) {
    const module = m[1] ?? '';
    const items = (m[2] ?? '').replace(/[()\\]/g, ' ').split(',');
    const fromProject = link.module(module, link.dir) !== null;
    for (const item of items) {
      const words = item.trim().split(/\s+/);
      const bound = words[words.length - 1];
      const imported = words[0];
      if (!bound || !imported || imported === '*') continue;
      // `from pkg import engine` names a module of the project even when `pkg` is a bare folder.
      const sub = /^\.+$/.test(module) ? `${module}${imported}` : `${module}.${imported}`;
      if (fromProject || link.module(sub, link.dir)) names.add(bound);
    }
  }
  for (const m of text.matchAll(IMPORT)) {
    for (const item of (m[1] ?? '').split(',')) {
      const words = item.trim().split(/\s+/);
      const module = words[0];
      const bound = words.length >= 3 ? words[2] : module?.split('.')[0];
      if (module && bound && /^[\w.]+$/.test(module) && link.module(module, link.dir)) names.add(bound);
    }
  }
  return [...names].sort();
}
