import { allEventVersions, erasedPathsOf } from '@complaints/contracts';

/** Credentials, wherever request or response headers are logged (an error's request, pino-http's req/res). */
const HEADER_PATHS = ['authorization', 'cookie'].flatMap((header) => [
  `headers.${header}`,
  `req.headers.${header}`,
  `request.headers.${header}`,
]);
const SET_COOKIE_PATHS = ['headers["set-cookie"]', 'res.headers["set-cookie"]', 'response.headers["set-cookie"]'];

/** A request body is what a resident or an officer typed: never logged, whatever its fields. */
const BODY_PATHS = ['body', 'req.body', 'request.body', '*.body'];

/**
 * Personal field names that log lines also use for operational values, which must stay readable:
 * `outcome` and `reason` at the top of a line (the sign-in refusal's), and `method` at the top and
 * one level down (the HTTP method of the request line and of a logged request, `req.method`; the
 * personal one is CompensationPaid's payment method). One level down `outcome` and `reason`
 * (`complaint.reason`), and all three inside event data (`data.…`), are redacted like every other
 * personal field.
 */
const TOP_LEVEL_OPERATIONAL = new Set(['outcome', 'reason']);
const ALWAYS_OPERATIONAL = new Set(['method']);

/** Every personal path of every event version (libs/contracts' classification), `[]` written as pino's `*`. */
const PERSONAL_PATHS = [
  ...new Set(allEventVersions.flatMap(erasedPathsOf).map((path) => path.replace(/\[\]/g, '.*'))),
].sort();
const PERSONAL_FIELD_NAMES = [...new Set(PERSONAL_PATHS.map((path) => path.split('.')[0] as string))];

/**
 * What pino censors before a line is written. Personal data is classified per event field in
 * libs/contracts; the code logs identifiers and counts, never those fields, and these paths make
 * sure a slip (an event's data, a complainant object, a request's body or credentials) is
 * written as REDACTED rather than read in a log collector: an event's data (`data`, one level
 * down too) by its personal paths, a personal field's name at the top level of a line or one
 * level down, request bodies, and the Authorization, Cookie and Set-Cookie headers.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  ...HEADER_PATHS,
  ...SET_COOKIE_PATHS,
  ...BODY_PATHS,
  ...PERSONAL_PATHS.flatMap((path) => [`data.${path}`, `*.data.${path}`]),
  ...PERSONAL_FIELD_NAMES.filter((name) => !ALWAYS_OPERATIONAL.has(name)).flatMap((name) =>
    TOP_LEVEL_OPERATIONAL.has(name) ? [`*.${name}`] : [name, `*.${name}`],
  ),
];
