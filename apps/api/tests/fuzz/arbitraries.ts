import fc from 'fast-check';
import type { Role } from '@complaints/contracts';
import { EDGE_ENCODED, EDGE_JSON, EDGE_RAW_BODIES, EDGE_STRINGS, encode } from './edge-values';
import type { RawRequest } from './raw-http';
import type { Parameter, Route, SchemaNode } from './routes';

/** What the suite knows of the running server: real ids to aim at, and a token per role. */
export interface FuzzContext {
  /** Valid values for path parameters, by parameter name (complaint ids, action ids, references…). */
  pathValues: Record<string, readonly string[]>;
  tokens: ReadonlyMap<Role, string>;
}

/** A request to send, and whether its JSON body carries text the policy refuses (for the oracle). */
export interface FuzzRequest extends RawRequest {
  route: string;
  bodyHasForbiddenText: boolean;
}

const MAX_DEPTH = 6;

/** Plausible values of a parameter with no enum or example: whatever a route may mean by it. */
const GENERIC_VALUES = [
  '2025',
  '2026',
  '2026-03',
  '2026-03-02',
  '2025-Q1',
  '2026-03-02T09:00:00Z',
  '0',
  '1',
  '10',
  '100',
  'true',
  'false',
  'repairs',
  'u-017',
  'ch01-stage1',
  'json',
];

// ------------------------------------------------------------------------------------------
// JSON bodies from the route's own schema: valid values, with edge values mixed into leaves.
// ------------------------------------------------------------------------------------------

function types(schema: SchemaNode): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  return [];
}

/** A valid-looking value for a schema node (recent past times, so steps are not "in the future"). */
function validValue(schema: SchemaNode, depth: number, dirty: boolean): fc.Arbitrary<unknown> {
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0) return fc.oneof(...choices.map((c) => value(c, depth, dirty)));
  if (schema.allOf && schema.allOf.length > 0)
    return value(Object.assign({}, ...schema.allOf) as SchemaNode, depth, dirty);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const [type] = types(schema);
  switch (type) {
    case 'string': {
      if (schema.format === 'date-time')
        return fc.constantFrom(
          '2026-03-02T09:15:00Z',
          '2026-03-03T10:00:00+00:00',
          '2026-03-04T12:30:00Z',
          new Date(Date.now() - 60_000).toISOString(),
        );
      if (schema.format === 'date')
        return fc.constantFrom('2026-03-20', '2026-05-15', '2027-01-31', '1900-01-01', '2100-12-31');
      if (schema.format === 'email') return fc.constantFrom('jane@example.org', 'a.b+c@example.co.uk');
      const min = Math.max(1, schema.minLength ?? 1);
      const max = Math.max(min, schema.maxLength ?? 200);
      const text = fc
        .string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 24) })
        .filter((s) => s.trim().length >= min);
      // Just inside the bounds in any body; just outside them only in a dirty one.
      return fc.oneof(
        { weight: 6, arbitrary: text },
        { weight: 1, arbitrary: fc.constant('x'.repeat(max)) },
        ...(dirty ? [{ weight: 1, arbitrary: fc.constant('x'.repeat(max + 1)) }] : []),
      );
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? 1_000;
      const inside = fc.oneof(
        fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) }),
        fc.constantFrom(min, max),
      );
      return dirty
        ? fc.oneof(
            { weight: 4, arbitrary: inside },
            { weight: 1, arbitrary: fc.constantFrom(max + 1, min - 1, min + 0.5) },
          )
        : inside;
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth >= MAX_DEPTH) return fc.constant([]);
      const items = schema.items ?? {};
      return fc.array(value(items, depth + 1, dirty), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    }
    case 'object': {
      if (depth >= MAX_DEPTH) return fc.constant({});
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(properties).map(([key, sub]) => [key, value(sub, depth + 1, dirty)]),
      );
      const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in model) });
      if (!dirty) return record;
      // Now and then a required key goes missing or an unknown one (NUL in its name, say) turns up.
      return fc
        .tuple(record, fc.nat(40), fc.constantFrom('unknownField', '\u0000', '__proto__', 'constructor'))
        .map(([object, roll, extra]) => {
          const copy: Record<string, unknown> = { ...(object as Record<string, unknown>) };
          const keys = Object.keys(copy);
          if (roll === 0 && keys.length > 0) delete copy[keys[0] as string];
          if (roll === 1)
            Object.defineProperty(copy, extra, { value: 'x', enumerable: true, configurable: true, writable: true });
          return copy;
        });
    }
    default:
      return fc.constantFrom('x', 1, true, null);
  }
}

const edgeValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...EDGE_JSON) },
);

/** A leaf: valid, or (in a dirty body) now and then an edge value. */
function value(schema: SchemaNode, depth: number, dirty: boolean): fc.Arbitrary<unknown> {
  const valid = validValue(schema, depth, dirty);
  if (!dirty) return valid;
  const isContainer = ['object', 'array'].includes(types(schema)[0] ?? '');
  return fc.oneof({ weight: isContainer ? 12 : 5, arbitrary: valid }, { weight: 1, arbitrary: edgeValue });
}

/** Does a JSON value hold, anywhere, a string the text policy refuses (a control character or a lone surrogate)? */
export function holdsForbiddenText(json: unknown): boolean {
  if (typeof json === 'string') return forbidden(json);
  if (Array.isArray(json)) return json.some(holdsForbiddenText);
  if (json !== null && typeof json === 'object')
    return Object.entries(json).some(([key, v]) => forbidden(key) || holdsForbiddenText(v));
  return false;
}

function forbidden(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text.trim())) return true;
  try {
    encodeURIComponent(text);
    return false;
  } catch {
    return true;
  }
}

type Body = { bytes: Buffer; forbiddenText: boolean };

function bodyArbitrary(route: Route): fc.Arbitrary<Body | undefined> {
  const schema = route.body?.schema;
  const asJson = (json: unknown): Body => ({
    bytes: Buffer.from(JSON.stringify(json) ?? 'null', 'utf8'),
    forbiddenText: holdsForbiddenText(json),
  });
  const raw = fc.constantFrom(...EDGE_RAW_BODIES).map((bytes): Body => ({ bytes, forbiddenText: false }));
  if (!schema) return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: raw });
  return fc.oneof(
    { weight: 6, arbitrary: validValue(schema, 0, false).map(asJson) },
    { weight: 5, arbitrary: validValue(schema, 0, true).map(asJson) },
    { weight: 1, arbitrary: route.body?.example === undefined ? raw : fc.constant(route.body.example).map(asJson) },
    { weight: 1, arbitrary: edgeValue.map(asJson) },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

// ------------------------------------------------------------------------------------------
// Paths, query strings and headers.
// ------------------------------------------------------------------------------------------

function validParameterValues(parameter: Parameter, known: readonly string[] = []): string[] {
  const fromSchema = [
    ...(parameter.schema.enum ?? []),
    ...(parameter.example !== undefined ? [parameter.example] : []),
    ...(parameter.schema.example !== undefined ? [parameter.schema.example] : []),
  ];
  return [...new Set([...known, ...fromSchema.map(String)])];
}

function pathValue(parameter: Parameter, context: FuzzContext): fc.Arbitrary<string> {
  const valid = validParameterValues(parameter, context.pathValues[parameter.name]);
  const validArb = valid.length > 0 ? fc.constantFrom(...valid).map(encode) : fc.constantFrom(...GENERIC_VALUES);
  return fc.oneof(
    { weight: 3, arbitrary: validArb },
    { weight: 2, arbitrary: fc.constantFrom(...EDGE_ENCODED) },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_STRINGS).map(encode) },
  );
}

function queryValue(parameter: Parameter): fc.Arbitrary<string> {
  const valid = validParameterValues(parameter);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(valid.length > 0 ? valid : GENERIC_VALUES)).map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...GENERIC_VALUES) },
    { weight: 2, arbitrary: fc.constantFrom(...EDGE_ENCODED) },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_STRINGS).map(encode) },
  );
}

function queryArbitrary(route: Route): fc.Arbitrary<string> {
  const params = route.queryParams.map((parameter) =>
    fc.oneof(
      { weight: parameter.required ? 1 : 3, arbitrary: fc.constant<string[]>([]) },
      { weight: 5, arbitrary: queryValue(parameter).map((v) => [`${encode(parameter.name)}=${v}`]) },
      // The same parameter twice: Express hands the controller an array.
      {
        weight: 1,
        arbitrary: fc
          .tuple(queryValue(parameter), queryValue(parameter))
          .map(([a, b]) => [`${parameter.name}=${a}`, `${parameter.name}=${b}`]),
      },
    ),
  );
  // Parameters every read honours (read-your-writes), and some no route knows. Only positions
  // that are refused or already reached: a valid far-future one would rightly wait and answer 503.
  const extras = fc.oneof(
    { weight: 6, arbitrary: fc.constant<string[]>([]) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'waitForPosition=%00',
          'waitForPosition=-1',
          'waitForPosition=9223372036854775808',
          'waitForPosition=1e3',
          'waitForPosition=0&waitMs=99999999999',
          'waitForPosition=0&waitMs=0',
        )
        .map((p) => [p]),
    },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_ENCODED).map((v) => [`${v}=${v}`]) },
    { weight: 1, arbitrary: fc.constant(['a[b][c][d]=1', 'a[0]=x']) },
  );
  return fc.tuple(fc.tuple(...params), extras).map(([parts, extra]) => {
    const all = [...parts.flat(), ...extra];
    return all.length > 0 ? `?${all.join('&')}` : '';
  });
}

function headersArbitrary(route: Route, context: FuzzContext): fc.Arbitrary<Record<string, string>> {
  const allowed = route.roles.map((role) => context.tokens.get(role)).filter((t): t is string => t !== undefined);
  const others = [...context.tokens.entries()]
    .filter(([role]) => !route.roles.includes(role))
    .map(([, token]) => token);
  const token = fc.oneof(
    {
      weight: allowed.length > 0 ? 12 : 1,
      arbitrary: allowed.length > 0 ? fc.constantFrom(...allowed) : fc.constant(undefined),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: others.length > 0 ? fc.constantFrom(...others) : fc.constant('not.a.jwt') },
  );
  const optional = (name: string, values: readonly string[], weight = 1) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant<[string, string][]>([]) },
      { weight, arbitrary: fc.constantFrom(...values).map((v): [string, string][] => [[name, v]]) },
    );
  return fc
    .tuple(
      token,
      optional('accept', ['application/json', 'text/csv', 'application/pdf', 'text/event-stream', 'image/png', '*/*']),
      optional('if-match', ['"1"', '1', '"2"', '"0"', '"99999999999999999999"', '"-1"', '*', 'W/"3"', '"x"']),
      optional('idempotency-key', ['8d3c7f0e-3e2b-4c9a-9d1e-0f4b6a2c1d7e', 'k', 'x'.repeat(300), '   ']),
      optional('last-event-id', ['0', '3', '9223372036854775808', '99999999999999999999', '-1', 'abc']),
      optional('x-wait-for-position', ['abc', '-1', '9223372036854775808', '0']),
      optional('x-access-code', ['ABCDE-FGHJK', 'x'.repeat(500), '']),
      fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('text/plain', 'application/json; charset=latin1', 'application/merge-patch+json'),
        },
      ),
    )
    .map(([bearer, ...rest]) => {
      const contentType = rest.pop() as string;
      const headers: Record<string, string> = Object.fromEntries((rest as [string, string][][]).flat());
      if (bearer) headers['authorization'] = `Bearer ${bearer}`;
      headers['content-type'] = contentType;
      return headers;
    });
}

/** One request to one route of the document: path, query, headers and body all drawn at once. */
export function requestArbitrary(route: Route, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const segments = fc.tuple(...route.pathParams.map((p) => pathValue(p, context)));
  return fc
    .tuple(segments, queryArbitrary(route), headersArbitrary(route, context), bodyArbitrary(route))
    .map(([values, query, headers, body]) => {
      let path = route.template;
      route.pathParams.forEach((p, i) => {
        path = path.replace(`{${p.name}}`, values[i] as string);
      });
      if (!body) delete headers['content-type'];
      return {
        route: `${route.method} ${route.template}`,
        method: route.method,
        path: `${path}${query}`,
        headers,
        ...(body ? { body: body.bytes } : {}),
        bodyHasForbiddenText: body?.forbiddenText === true && route.body !== undefined,
      };
    });
}
