// The `edtf` package ships no type declarations; this covers the part the core uses.
declare module 'edtf' {
  interface EdtfValue {
    type: string;
    min: number;
    max: number;
    precision?: number;
    values: unknown[];
  }
  function edtf(text: string, options?: Record<string, unknown>): EdtfValue;
  export default edtf;
}
