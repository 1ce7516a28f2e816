import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { commandSchemas } from './commands';
import {
  GlobalPosition,
  InputDate,
  InputInstant,
  InputShortText,
  InputText,
  MAX_GLOBAL_POSITION,
  notPlainTextBecause,
  PathId,
  QueryInteger,
  QueryMonth,
  QueryYear,
  Text,
} from './primitives';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('plain text at the edge', () => {
  it('refuses NUL, the other C0 controls, DEL and C1, and says which character and where', () => {
    expect(messages(InputShortText.safeParse('Mould \u0000 again'))).toEqual([
      'must not contain control characters (found U+0000 at position 6)',
    ]);
    for (const code of [0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f, 0x80, 0x9f]) {
      const char = String.fromCharCode(code);
      expect(InputText().safeParse(`a${char}b`).success, `U+${code.toString(16)}`).toBe(false);
    }
  });

  it('keeps TAB, LF and CR, and every other character of real text', () => {
    expect(InputText().parse('Line one\r\nLine two\tindented')).toBe('Line one\r\nLine two\tindented');
    expect(InputText().parse('Café – naïve 😀 ﷺ 中文')).toBe('Café – naïve 😀 ﷺ 中文');
  });

  it('refuses a lone surrogate, high or low, but not a pair', () => {
    expect(messages(InputShortText.safeParse('a\ud800b'))).toEqual([
      'must be valid Unicode text (found a lone surrogate U+D800 at position 1)',
    ]);
    expect(InputShortText.safeParse('\udc00').success).toBe(false);
    expect(InputShortText.safeParse('x\ud83d').success).toBe(false);
    expect(InputShortText.parse('\ud83d\ude00')).toBe('😀');
  });

  it('accepts exactly what the recorded Text accepts, minus control characters and lone surrogates', () => {
    // Any UTF-16 code unit, so lone surrogates and controls turn up often.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('\u0000', '\ud800', '\t', ' ', 'a'),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (value) => {
        const trimmed = value.trim();
        // Oracles independent of the implementation: a regular expression and encodeURIComponent.
        // eslint-disable-next-line no-control-regex
        const hasControl = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(trimmed);
        const plain = !hasControl && !hasLoneSurrogate(trimmed);
        expect(notPlainTextBecause(trimmed) === undefined).toBe(plain);
        expect(InputShortText.safeParse(value).success).toBe(Text(200).safeParse(value).success && plain);
      }),
      { seed: 20_261_201, numRuns: 3000 },
    );
  });

  it('applies to every text field of every command, nested ones included', () => {
    const withNul = 'bad \u0000 value';
    expect(commandSchemas.ReceiveComplaint.shape.complainant.safeParse({ name: withNul }).success).toBe(false);
    expect(
      commandSchemas.ReceiveComplaint.shape.complainant.safeParse({ name: 'Jane', phone: `0161${withNul}` }).success,
    ).toBe(false);
    expect(commandSchemas.AcknowledgeComplaint.shape.handler.safeParse({ id: 'u-1', name: withNul }).success).toBe(
      false,
    );
    expect(commandSchemas.AcknowledgeComplaint.shape.headsOfComplaint.safeParse([withNul]).success).toBe(false);
    expect(
      commandSchemas.IssueStageResponse.shape.decisions.safeParse([{ head: 'h', outcome: 'upheld', reasons: withNul }])
        .success,
    ).toBe(false);
    expect(commandSchemas.LogContact.shape.channel.safeParse('phone\ud800').success).toBe(false);
  });
});

describe('dates and instants at the edge: the years 1900 to 2100', () => {
  it('accepts the range and refuses years outside it, however they are written', () => {
    expect(InputDate.parse('1900-01-01')).toBe('1900-01-01');
    expect(InputDate.parse('2100-12-31')).toBe('2100-12-31');
    for (const date of ['0000-01-01', '0050-01-01', '1899-12-31', '2101-01-01', '9999-12-31']) {
      expect(messages(InputDate.safeParse(date)), date).toEqual(['must be in the years 1900 to 2100']);
    }
    expect(InputDate.safeParse('10000-01-01').success).toBe(false);
    expect(InputInstant.parse('2026-03-02T09:15:00Z')).toBe('2026-03-02T09:15:00Z');
    for (const instant of [
      '0050-01-01T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '2101-01-01T00:00:00+01:00',
      '9999-12-31T23:59:59Z',
    ]) {
      expect(messages(InputInstant.safeParse(instant)), instant).toEqual(['must be in the years 1900 to 2100']);
    }
  });

  it('years and months in query strings likewise', () => {
    expect(QueryYear().parse('2025')).toBe(2025);
    expect(QueryYear().safeParse('0000').success).toBe(false);
    expect(QueryYear().safeParse('9999').success).toBe(false);
    expect(QueryMonth.parse('2026-03')).toBe('2026-03');
    expect(QueryMonth.safeParse('0050-01').success).toBe(false);
  });
});

describe('numbers at the edge', () => {
  it('parses global positions as bigints, up to the largest PostgreSQL int8 and no further', () => {
    expect(GlobalPosition.parse('0')).toBe(0n);
    expect(GlobalPosition.parse('9223372036854775807')).toBe(MAX_GLOBAL_POSITION);
    for (const raw of [
      '9223372036854775808',
      '9999999999999999999',
      '99999999999999999999',
      '-1',
      '1.5',
      '1e3',
      ' 1',
      '',
    ]) {
      expect(GlobalPosition.safeParse(raw).success, raw).toBe(false);
    }
  });

  it('refuses whole numbers beyond their bounds before any float rounding', () => {
    const offset = QueryInteger(0, 1_000_000);
    expect(offset.parse('1000000')).toBe(1_000_000);
    for (const raw of ['1000001', '9223372036854775807', '99999999999999999999', '-1', '1.0', 'abc', '']) {
      expect(offset.safeParse(raw).success, raw).toBe(false);
    }
    expect(() => QueryInteger(0, 2 ** 53)).toThrow(RangeError);
  });
});

describe('ids in paths', () => {
  it('allows the ids the server issues and nothing longer than 100 characters, blank or odd', () => {
    expect(PathId.safeParse('8f07450b-09f2-42fe-a189-533adef0c5cd').success).toBe(true);
    expect(PathId.safeParse('CMP-2026-000123').success).toBe(true);
    for (const id of ['x'.repeat(101), '   ', '', 'a\u0000', 'a b', '../etc', '%00'])
      expect(PathId.safeParse(id).success, id).toBe(false);
  });
});

/** encodeURIComponent throws a URIError on a lone surrogate and on nothing else. */
function hasLoneSurrogate(value: string): boolean {
  try {
    encodeURIComponent(value);
    return false;
  } catch {
    return true;
  }
}

/** Every string leaf of a zod schema, with its dotted path: objects, arrays, optionals, defaults and pipes walked through. */
function stringLeaves(schema: z.ZodType, path = ''): { path: string; schema: z.ZodType; format: string | undefined }[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'string':
      return [{ path, schema, format: def['format'] as string | undefined }];
    case 'object':
      return Object.entries(def['shape'] as Record<string, z.ZodType>).flatMap(([key, sub]) =>
        stringLeaves(sub, path ? `${path}.${key}` : key),
      );
    case 'array':
      return stringLeaves(def['element'] as z.ZodType, `${path}[]`);
    case 'optional':
    case 'default':
    case 'nullable':
      return stringLeaves(def['innerType'] as z.ZodType, path);
    case 'pipe':
      return stringLeaves(def['in'] as z.ZodType, path);
    default:
      return [];
  }
}

describe('every command field is an edge primitive', () => {
  const leaves = Object.entries(commandSchemas).flatMap(([command, schema]) =>
    stringLeaves(schema).map((leaf) => ({ ...leaf, path: `${command}.${leaf.path}` })),
  );

  it('finds the fields (the walk reaches nested objects and arrays)', () => {
    expect(leaves.map((l) => l.path)).toEqual(
      expect.arrayContaining([
        'ReceiveComplaint.complainant.phone',
        'IssueStageResponse.remedies.actions[].dueBy',
        'AcknowledgeComplaint.headsOfComplaint[]',
      ]),
    );
    expect(leaves.length).toBeGreaterThan(60);
  });

  it('text refuses NUL and lone surrogates; dates and instants refuse the year 0050', () => {
    for (const { path, schema, format } of leaves) {
      if (format === 'date') expect(schema.safeParse('0050-01-01').success, path).toBe(false);
      else if (format === 'datetime') expect(schema.safeParse('0050-01-01T00:00:00Z').success, path).toBe(false);
      else {
        const sample = format === 'email' ? 'jane@example.org' : 'S1-A1';
        expect(schema.safeParse(sample).success, `${path} accepts ${sample}`).toBe(true);
        expect(
          schema.safeParse(format === 'email' ? 'ja\u0000ne@example.org' : 'S1\u0000A1').success,
          `${path} with NUL`,
        ).toBe(false);
        expect(
          schema.safeParse(format === 'email' ? 'ja\ud800ne@example.org' : 'S1\ud800').success,
          `${path} with a lone surrogate`,
        ).toBe(false);
      }
    }
  });
});

describe('a channel as callers name it', () => {
  const channelOf = (channel: string) =>
    commandSchemas.LogContact.parse({ at: '2026-03-02T10:00:00Z', direction: 'inbound', channel, reached: true })
      .channel;

  it('reads the vocabulary and its common synonyms as the channel, whatever the case or separators', () => {
    expect(channelOf('email')).toBe('email');
    expect(channelOf('Telephone')).toBe('phone');
    expect(channelOf('in person')).toBe('in_person');
    expect(channelOf('Web-Form')).toBe('web_form');
    expect(channelOf('SMS')).toBe('text_message');
  });

  it("reads any other words as 'other', without them: a channel never carries a name", () => {
    expect(channelOf('via her son Tom')).toBe('other');
  });

  it('still refuses what is not plain text at all', () => {
    expect(
      commandSchemas.LogContact.safeParse({
        at: '2026-03-02T10:00:00Z',
        direction: 'inbound',
        channel: '',
        reached: true,
      }).success,
    ).toBe(false);
  });
});

describe('references kept in clear as identifiers (the Ombudsman reference, order ids)', () => {
  const referral = (ombudsmanReference: string) =>
    commandSchemas.RecordOmbudsmanReferral.safeParse({ referredAt: '2026-03-02T10:00:00Z', ombudsmanReference });

  it('accepts what references look like', () => {
    for (const reference of ['202612345', 'HO-FT-1', 'HOS/2026/0042', 'order_1.a', ' 202612345 '])
      expect(referral(reference).success, reference).toBe(true);
    expect(
      commandSchemas.RecordOmbudsmanReferral.parse({
        referredAt: '2026-03-02T10:00:00Z',
        ombudsmanReference: ' 202612345 ',
      }).ombudsmanReference,
    ).toBe('202612345');
  });

  it('refuses words, which could name a person past erasure', () => {
    for (const words of ['ZQ Jane Resident 07700900888', 'pay Jane at 3 Elm Rd', '2026 12345', ''])
      expect(referral(words).success, words).toBe(false);
    const order = commandSchemas.RecordOmbudsmanOrderCompliance.safeParse({
      compliedAt: '2026-03-02T10:00:00Z',
      orderId: 'pay Jane at 3 Elm Rd',
      evidence: 'Paid',
    });
    expect(order.success).toBe(false);
  });
});
