/** Character codes the hand-written scanners (text/segment.ts, direct/lexer.ts) compare against. */
export const TAB = 9;
export const LF = 10;
export const FF = 12;
export const CR = 13;
export const SPACE = 32;
export const DQUOTE = 34;
export const HASH = 35;
export const SQUOTE = 39;
export const AT = 64;
export const BACKSLASH = 92;
