import { allEventVersions } from '@complaints/contracts';

/** What a redacted value reads as in a log line. */
export const REDACTED = '[redacted]';

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
 * Top-level personal field names that log lines also use for operational values, which must stay
 * readable: the request line's HTTP `method`, the sign-in refusal's `outcome` and `reason`. Inside
 * event data (`data.…`) they are redacted like every other personal field.
 */
const OPERATIONAL_FIELDS = new Set(['method', 'outcome', 'reason']);

/** Every personal path of every event version (libs/contracts' classification), `[]` written as pino's `*`. */
function personalPaths(): string[] {
  const paths = allEventVersions.flatMap((definition) => [
    ...definition.personal,
    ...(definition.personalInClear ?? []),
  ]);
  return [...new Set(paths.map((path) => path.replace(/\[\]/g, '.*')))].sort();
}

function personalFieldNames(): string[] {
  return [...new Set(personalPaths().map((path) => path.split('.')[0] as string))].filter(
    (name) => !OPERATIONAL_FIELDS.has(name),
  );
}

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
  ...personalPaths().flatMap((path) => [`data.${path}`, `*.data.${path}`]),
  ...personalFieldNames().flatMap((name) => [name, `*.${name}`]),
];
