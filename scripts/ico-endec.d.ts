// ico-endec ships no types (a CommonJS module); only its encoder is used (scripts/make-icons.ts).
declare module 'ico-endec' {
  const icoEndec: { encode(images: Buffer[]): Buffer };
  export default icoEndec;
}
