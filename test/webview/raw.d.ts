/** Vite's `?raw` imports: a file's text, for tests that read sources (e.g. the host's strings). */
declare module '*?raw' {
  const text: string;
  export default text;
}
