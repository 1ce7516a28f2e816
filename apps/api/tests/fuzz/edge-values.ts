/**
 * The values a hostile or clumsy client sends: what the edge must refuse with a 4xx, never a
 * 5xx. Strings as they arrive decoded (JSON bodies), and as they travel encoded (paths, queries).
 */

const DEEP = 2_000;

/** Edge strings inside JSON: control characters, lone surrogates, blank, huge, odd dates and numbers. */
export const EDGE_STRINGS: readonly string[] = [
  '\u0000',
  'Mould \u0000 again',
  '\ud800',
  'x\udfff',
  'a\ud83d',
  '\u001b[31mred',
  '\u0007\u0008\u000b\u000c',
  '\u007f',
  '\u0085\u009f',
  '   ',
  '',
  '\t\n\r',
  'x'.repeat(201),
  'x'.repeat(10_001),
  '\u202eevil',
  '\ufeff',
  '\uffff',
  '😀'.repeat(120),
  "'; DROP TABLE api_reference_counters; --",
  '0050-01-01',
  '0000-01-01',
  '9999-12-31',
  '10000-01-01',
  '2026-02-30',
  '0050-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+010000-01-01T00:00:00Z',
  '2026-03-02T09:15:00',
  '9223372036854775807',
  '9223372036854775808',
  '99999999999999999999',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
];

/** Edge values of the wrong type, or deeply nested. */
export const EDGE_JSON: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -0,
  2 ** 53 + 2,
  9_223_372_036_854_775_808,
  1e308,
  [],
  {},
  [null],
  { '\u0000': 1 },
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  nested(200),
];

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** Whole request bodies that are not what any route expects. */
export const EDGE_RAW_BODIES: readonly Buffer[] = [
  '{',
  '{"description":',
  '['.repeat(DEEP) + ']'.repeat(DEEP),
  '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP),
  '{"description":"\\u0000","serviceArea":"\\ud800"}',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  '{"channel":"a","channel":"\\u0000"}',
  'null',
  '"a string"',
  '1e999',
  '[]',
  `{"description":"${'x'.repeat(300 * 1024)}"}`,
]
  .map((text) => Buffer.from(text, 'utf8'))
  .concat([
    // Not UTF-8 at all.
    Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x22, 0xc0, 0x80, 0x22, 0x7d]),
  ]);

/** Edge values as they travel in a path segment or a query value: already encoded, odd bytes included. */
export const EDGE_ENCODED: readonly string[] = [
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%',
  '%zz',
  '%C0%80',
  '%ED%A0%80',
  '%FF%FE',
  '%20%20%20',
  '%0A',
  '%1B',
  '%2F',
  '..',
  '%2e%2e',
  'x'.repeat(201),
  'x'.repeat(1_000),
  '9223372036854775808',
  '99999999999999999999',
  '9223372036854775807',
  '-1',
  '0050-01-01',
  '9999-12-31',
  '0000',
  '10000',
  '0050-01-01T00%3A00%3A00Z',
  '1e3',
  '%F0%9F%98%80',
];

/**
 * Percent-encode a string for a path or query: each character as UTF-8, and a lone surrogate as
 * the three bytes it would be (ED A0 80: not UTF-8), which is what a careless client sends.
 */
export function encode(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(value[i] as string);
    }
  }
  return out;
}
