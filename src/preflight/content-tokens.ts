/**
 * Reads a PDF content stream (ISO 32000-1, 7.2 and 7.8.2) as a series of operations: each
 * operator with the operands before it. Written for speed, as it runs on every page of
 * every issue built: no token objects for numbers, no string per number or operator byte.
 */
export const ARRAY_START = Symbol('[');
export const ARRAY_END = Symbol(']');
export const DICT_START = Symbol('<<');
export const DICT_END = Symbol('>>');

export interface Name {
  name: string;
}

/** A number, a name, the bytes of a string, or an array or dictionary bracket. */
export type Operand = number | Name | Uint8Array | typeof ARRAY_START | typeof ARRAY_END | typeof DICT_START | typeof DICT_END;

const Byte = {
  Tab: 0x09,
  LineFeed: 0x0a,
  FormFeed: 0x0c,
  Return: 0x0d,
  Space: 0x20,
  Percent: 0x25,
  OpenParen: 0x28,
  CloseParen: 0x29,
  Plus: 0x2b,
  Minus: 0x2d,
  Dot: 0x2e,
  Slash: 0x2f,
  Zero: 0x30,
  Seven: 0x37,
  Nine: 0x39,
  Less: 0x3c,
  Greater: 0x3e,
  OpenBracket: 0x5b,
  Backslash: 0x5c,
  CloseBracket: 0x5d,
  OpenBrace: 0x7b,
  CloseBrace: 0x7d,
} as const;

/** Kind of each byte: 0 regular, 1 white space, 2 delimiter. */
const CLASS = new Uint8Array(256);
for (const b of [0x00, Byte.Tab, Byte.LineFeed, Byte.FormFeed, Byte.Return, Byte.Space]) CLASS[b] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

/** Calls `visit` for each operator with its operands (the array is reused: copy what you keep). */
export function forEachOperation(input: Uint8Array, visit: (operator: string, operands: Operand[]) => void): void {
  const bytes = asBuffer(input);
  let operands: Operand[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const byte = bytes[i]!;
    const kind = CLASS[byte];
    if (kind === 1) {
      i++;
    } else if (byte === Byte.Percent) {
      while (i < n && bytes[i] !== Byte.LineFeed && bytes[i] !== Byte.Return) i++;
    } else if (byte === Byte.Slash) {
      let end = i + 1;
      while (end < n && CLASS[bytes[end]!] === 0) end++;
      let name = latin1(bytes, i + 1, end);
      if (name.includes('#')) name = name.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      operands.push({ name });
      i = end;
    } else if (byte === Byte.OpenParen) {
      i = literalString(bytes, i + 1, operands);
    } else if (byte === Byte.Less) {
      if (bytes[i + 1] === Byte.Less) {
        operands.push(DICT_START);
        i += 2;
      } else {
        i = hexString(bytes, i + 1, operands);
      }
    } else if (byte === Byte.Greater) {
      operands.push(DICT_END);
      i += bytes[i + 1] === Byte.Greater ? 2 : 1;
    } else if (byte === Byte.OpenBracket) {
      operands.push(ARRAY_START);
      i++;
    } else if (byte === Byte.CloseBracket) {
      operands.push(ARRAY_END);
      i++;
    } else if (byte === Byte.OpenBrace || byte === Byte.CloseBrace) {
      i++; // only in PostScript calculator functions, never among text operators
    } else if ((byte >= Byte.Zero && byte <= Byte.Nine) || byte === Byte.Minus || byte === Byte.Plus || byte === Byte.Dot) {
      i = number(bytes, i, operands);
    } else {
      let end = i;
      while (end < n && CLASS[bytes[end]!] === 0) end++;
      visit(operatorAt(bytes, i, end), operands);
      operands = []; // cheaper than emptying the old one: `length = 0` is a runtime call
      i = end;
    }
  }
}

/**
 * The same bytes as a Buffer, not copied. zlib gives Buffers, pdf-lib plain Uint8Arrays (the
 * small streams postprocessing adds): read as one kind, the tokenizer and its helpers keep
 * their optimised code when the other kind first comes along, rather than V8 throwing it
 * away and compiling it again. A function of its own, so that the branch never taken until
 * then is not in the tokenizer's code either.
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function number(bytes: Uint8Array, start: number, operands: Operand[]): number {
  let i = start;
  let sign = 1;
  if (bytes[i] === Byte.Minus) {
    sign = -1;
    i++;
  } else if (bytes[i] === Byte.Plus) i++;
  let value = 0;
  while (bytes[i]! >= Byte.Zero && bytes[i]! <= Byte.Nine) value = value * 10 + (bytes[i++]! - Byte.Zero);
  if (bytes[i] === Byte.Dot) {
    i++;
    let scale = 0.1;
    while (bytes[i]! >= Byte.Zero && bytes[i]! <= Byte.Nine) {
      value += (bytes[i++]! - Byte.Zero) * scale;
      scale /= 10;
    }
  }
  operands.push(sign * value);
  return i;
}

/**
 * The operators of ISO 32000-1 (A.2), one string each: looked up by their bytes rather than
 * made anew for every operation, and the same string every time, so that the visitor's
 * switch compares them by identity.
 */
const OPERATORS = new Map<number, string>();
for (const op of 'b b* B B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f f* F G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf TJ Tj TL Tm Tr Ts Tw Tz v w W W* y \' "'.split(' ')) {
  OPERATORS.set(operatorKey(Uint8Array.from(op, (c) => c.charCodeAt(0)), 0, op.length), op);
}

function operatorKey(bytes: Uint8Array, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i++) key = key * 256 + bytes[i]!;
  return key;
}

function operatorAt(bytes: Uint8Array, start: number, end: number): string {
  return (end - start <= 3 && OPERATORS.get(operatorKey(bytes, start, end))) || latin1(bytes, start, end);
}

/** Bytes `start` to `end`, one character each. */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

const HEX = new Int8Array(256).fill(-1);
for (let d = 0; d < 16; d++) {
  HEX['0123456789abcdef'.charCodeAt(d)] = d;
  HEX['0123456789ABCDEF'.charCodeAt(d)] = d;
}

/** A <…> string from just after its "<": pairs of hex digits, white space ignored, an odd last digit as if followed by 0. */
function hexString(bytes: Uint8Array, start: number, operands: Operand[]): number {
  // Counted first so that the array is made at its size: subarray() of a larger one costs
  // more than all the rest (V8 looks up a species constructor for every call).
  let end = start;
  let digits = 0;
  for (; end < bytes.length && bytes[end] !== Byte.Greater; end++) if (HEX[bytes[end]!]! >= 0) digits++;
  const out = new Uint8Array((digits + 1) >> 1);
  let length = 0;
  let high = -1;
  for (let i = start; i < end; i++) {
    const digit = HEX[bytes[i]!]!;
    if (digit < 0) continue;
    if (high < 0) high = digit;
    else {
      out[length++] = (high << 4) | digit;
      high = -1;
    }
  }
  if (high >= 0) out[length] = high << 4;
  operands.push(out);
  return end + 1;
}

const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

/** A (…) string from just after its "(": balanced parentheses, backslash escapes. */
function literalString(bytes: Uint8Array, start: number, operands: Operand[]): number {
  const out: number[] = [];
  let depth = 1;
  let i = start;
  while (i < bytes.length) {
    const byte = bytes[i++]!;
    if (byte === Byte.Backslash) {
      const next = bytes[i++]!;
      if (next in ESCAPES) out.push(ESCAPES[next]!);
      else if (next >= Byte.Zero && next <= Byte.Seven) {
        let octal = next - Byte.Zero;
        for (let k = 0; k < 2 && bytes[i]! >= Byte.Zero && bytes[i]! <= Byte.Seven; k++) octal = octal * 8 + (bytes[i++]! - Byte.Zero);
        out.push(octal & 0xff);
      } else if (next === Byte.Return) {
        if (bytes[i] === Byte.LineFeed) i++; // a line continuation
      } else if (next !== Byte.LineFeed) out.push(next);
    } else if (byte === Byte.OpenParen) {
      depth++;
      out.push(byte);
    } else if (byte === Byte.CloseParen) {
      if (--depth === 0) break;
      out.push(byte);
    } else out.push(byte);
  }
  operands.push(Uint8Array.from(out));
  return i;
}
