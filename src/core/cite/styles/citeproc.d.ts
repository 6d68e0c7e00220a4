// citeproc-js ships no types; the core describes the part it uses (CiteprocModule in ../format.ts).
declare module 'citeproc' {
  const CSL: import('../format').CiteprocModule;
  export = CSL;
}
