/**
 * Every environment variable the API and the worker read, with what it means and its default:
 * the one place they are described. The README's configuration table is written from this list
 * (`npm run docs:config`), and a spec fails when the schemas read a variable this list does not
 * describe, or the README's table differs from it.
 */
export interface ConfigVariable {
  /** Described together when they only make sense together (AUTH_JWKS_URL with its issuer and audience). */
  variables: readonly string[];
  /** Markdown, as the README shows it. */
  meaning: string;
  /** Markdown: the value when unset, or what happens then. */
  default: string;
}

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  {
    variables: ['PORT'],
    meaning: 'HTTP port',
    default: '`3000`',
  },
  {
    variables: ['DATA_DIR'],
    meaning: 'directory of the embedded store (and the development JWT secret)',
    default: '`./.data`',
  },
  {
    variables: ['KEYS_DIR'],
    meaning:
      'directory of the key-encryption keys (`kek/`, one file per key, mode 0600) and the other keys that must never sit in the database or `DATA_DIR` (a copy of the data files must not carry the keys that open them). Refused inside `DATA_DIR`; created on the first start. Several instances sharing one PostgreSQL share this directory too (a mounted secret volume). See `docs/data-protection.md`',
    default: '`./.keys`',
  },
  {
    variables: ['KEK_ROTATION_AFTER_ERASURE'],
    meaning:
      "how soon after an erasure the key-encryption key is rotated (every live subject key re-wrapped, the old KEK destroyed), which is when the erased subject's wrapped key left in dead rows, WAL and backups becomes useless: `immediate`, or a delay `30s`/`10m`/`1h` (up to `24h`) that batches the erasures of a busy PostgreSQL deployment",
    default: '`immediate`',
  },
  {
    variables: ['EMBEDDED_DURABILITY'],
    meaning:
      '`fsync`: every commit of the embedded store is on disk before it is acknowledged; `off`: commits reach only the operating system (faster; a power cut can lose acknowledged writes) \u2014 announced on the start-up line and as a process warning, never silent',
    default: '`fsync`',
  },
  {
    variables: ['DATABASE_URL'],
    meaning: 'PostgreSQL: event store and read models there',
    default: 'unset',
  },
  {
    variables: ['EVENTSTORE_URL'],
    meaning: 'EventStoreDB/KurrentDB: events there; keys, checkpoints and API tables in `DATABASE_URL` or embedded',
    default: 'unset',
  },
  {
    variables: ['KAFKA_BROKERS'],
    meaning: 'comma-separated brokers: the relay publishes every event there (in the API, or in workers)',
    default: 'unset',
  },
  {
    variables: ['KAFKA_TOPIC'],
    meaning: 'the topic the relay publishes to',
    default: '`complaints.events.v1`',
  },
  {
    variables: ['KAFKA_TOPIC_PARTITIONS', 'KAFKA_TOPIC_REPLICATION_FACTOR'],
    meaning:
      'with either set, the relay creates the topic when it is missing (defaults 12 and 3); unset, the topic must exist or the broker auto-creates it \u2014 never assumed: the relay checks it at start',
    default: 'unset',
  },
  {
    variables: ['BACKGROUND_WORK'],
    meaning:
      '`in-process`: the API runs the projections and the relay; `external`: workers do (`npm run worker`) and the API only reads, waiting on their checkpoints \u2014 needs `DATABASE_URL` (PGlite is single-process)',
    default: '`in-process`',
  },
  {
    variables: ['WORKER_PORT'],
    meaning: "the worker's `/health`, `/ready` and `/metrics`",
    default: '`3001`',
  },
  {
    variables: ['AUTH_JWT_SECRET'],
    meaning: 'HS256 secret for bearer tokens',
    default: 'generated into `DATA_DIR` by `npm start`',
  },
  {
    variables: ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'],
    meaning: 'OIDC (Entra ID, Keycloak\u2026): RS256/ES256 via JWKS',
    default: 'unset',
  },
  {
    variables: ['AUTH_MAX_TOKEN_LIFETIME'],
    meaning:
      'the longest a bearer token may live, `exp \u2212 iat` (or `exp \u2212 now` without `iat`), e.g. `8h`, `90m`, `3600` (seconds), 1m\u201330d; a token without `exp` is refused. A token cannot be revoked, so one that never expires outlives a leaver or a leak; identity providers issue minutes to an hour, well within the default, and a development token lasts the working day',
    default: '`24h`',
  },
  {
    variables: ['METRICS_TOKEN'],
    meaning:
      'bearer token (\u2265 16 characters) Prometheus sends to `GET /metrics` of the API and the worker (`authorization: { credentials_file: \u2026 }`); unset, `/metrics` is off (404), never public',
    default: 'unset',
  },
  {
    variables: ['TRUST_PROXY'],
    meaning:
      "which hops in front of the API may name the client with `X-Forwarded-For`: `false` (nobody: the socket's address counts), a hop count (`1`), or addresses, CIDRs and `loopback`/`linklocal`/`uniquelocal` (`10.0.0.0/8`). The client address is what the residents' lookup budget counts, so behind a load balancer set it, or every resident shares one budget; never trust more than your own proxies, or anyone can dodge the budget",
    default: '`false`',
  },
  {
    variables: ['ORG_HOMES', 'ORG_HOMES_LCRA', 'ORG_HOMES_LCHO'],
    meaning: 'homes for CH01 per 1,000 homes (total, and the tenure split)',
    default: 'unset (figures then `null`)',
  },
  {
    variables: ['ORG_DIVISION'],
    meaning: '`england-and-wales`, `scotland` or `northern-ireland` (bank holidays)',
    default: '`england-and-wales`',
  },
  {
    variables: ['ORG_CLOSURE_DAYS'],
    meaning: "the organisation's own closure days, comma-separated `YYYY-MM-DD`",
    default: 'none',
  },
  {
    variables: ['ORG_BANK_HOLIDAYS_FILE'],
    meaning:
      'a newer saved copy of the GOV.UK feed (`bank-holidays.json`), merged over the shipped snapshot \u2014 how a newly proclaimed day (Scotland, 15 June 2026) is added',
    default: 'the shipped snapshot (`libs/domain/src/calendar/data`, see its PROVENANCE.md)',
  },
  {
    variables: ['ORG_REVIEW_REQUEST_WINDOW_DAYS'],
    meaning:
      "the organisation's review-request window: calendar days after the stage 1 response within which a resident asks for stage 2 (1\u20133660). A later request is still accepted (Code 6.10\u20136.11) and flagged `late` on its `ComplaintEscalated` event, with the window in force then; refusing one is its own decision (`POST \u2026/escalation-refusal`)",
    default: 'none',
  },
  {
    variables: ['ORG_COMPLAINT_CATEGORIES'],
    meaning:
      "the organisation's complaint categories, comma-separated (each 1\u2013200 characters, none twice ignoring case and separators). A complaint's category given as one of them is recorded in the configured spelling; any other words are recorded as `other`, the words kept as the personal `categoryDetail`: a category is kept for the statistics after erasure, so it is never free text in clear",
    default:
      '`repairs, damp and mould, heating and hot water, roof, windows and doors, fencing, grounds, parking, anti-social behaviour, estate services, cleaning, rent and service charges, lettings, tenancy, adaptations, safety, staff conduct, communication, complaint handling, other`',
  },
  {
    variables: ['LOCAL_SLA_PROFILE'],
    meaning: 'local policy shown beside the Code: `salix-homes-2021` or `none`',
    default: '`salix-homes-2021`',
  },
  {
    variables: ['ATTENTION_INACTIVITY_WORKING_DAYS'],
    meaning:
      'an open complaint with no event for this many working days appears in `GET /api/v1/attention` (1\u2013250)',
    default: '`20`',
  },
  {
    variables: ['RETENTION_YEARS_AFTER_END'],
    meaning:
      "the retention schedule: whole years (1\u2013100) after a complaint ended \u2014 closed, withdrawn or refused \u2014 or after its Ombudsman case closed, if later, until its personal data is due for erasure (`GET /api/v1/retention/due`); erasure still needs an admin's approval and nothing holding it",
    default: '`6`',
  },
  {
    variables: ['DOCUMENTS_MAX_BYTES'],
    meaning: 'the largest document that can be attached to a complaint, in bytes (`docs/documents.md`)',
    default: '`20971520` (20 MB)',
  },
  {
    variables: ['DOCUMENTS_DIR'],
    meaning: "where documents' bytes are kept (filesystem adapter)",
    default: '`DATA_DIR/documents`',
  },
  {
    variables: [
      'DOCUMENTS_S3_BUCKET',
      'DOCUMENTS_S3_ENDPOINT',
      'DOCUMENTS_S3_REGION',
      'DOCUMENTS_S3_PREFIX',
      'DOCUMENTS_S3_FORCE_PATH_STYLE',
    ],
    meaning:
      "keep documents in an S3 bucket (AWS or any S3-compatible server) instead; credentials from the AWS SDK's default chain",
    default: 'unset: filesystem',
  },
  {
    variables: ['RESIDENT_ACCESS_SECRET'],
    meaning:
      "key (\u2265 32 bytes) of the residents' access codes for `GET /api/v1/public/complaints/{reference}/status`",
    default: 'generated once and kept in the `api_secrets` table, shared by every instance',
  },
  {
    variables: ['CHECKPOINT_INTERVAL'],
    meaning:
      'how often a signed checkpoint of the transparency log is issued when the log grew (also issued on request), `10s` to `1h`, e.g. `30s`, `5m`: the longest a rewrite of new events can go unwitnessed. The signing key is `KEYS_DIR/signing/current.pem`, generated on the first start ([docs/integrity.md](docs/integrity.md))',
    default: '`5m`',
  },
  {
    variables: ['ORG_NAME'],
    meaning: "the landlord's name on every page (header, titles, footer), up to 120 characters",
    default: '`Your landlord`',
  },
  {
    variables: ['ORG_ADDRESS'],
    meaning:
      "the landlord's postal address on every letter (lines separated by commas or new lines), up to 400 characters ([docs/letters.md](docs/letters.md))",
    default: 'unset: the letterhead has the name only',
  },
  {
    variables: ['ORG_CONTACT'],
    meaning: 'how residents contact the complaints team, as letters say it ("0161 555 0100 or complaints@example.org")',
    default: 'unset: letters give the address',
  },
  {
    variables: ['LETTER_TEMPLATES_DIR'],
    meaning:
      "the landlord's copy of `libs/documents/letter-templates`; checked at start-up for the parts the Code requires (the service does not start otherwise)",
    default: 'the shipped templates',
  },
  {
    variables: ['ORG_BRAND_COLOUR'],
    meaning:
      "the pages' header and link colour, `#rrggbb`; white text sits on it, so it must contrast 4.5:1 or more with white (refused otherwise)",
    default: '`#1d70b8`',
  },
  {
    variables: ['SESSION_SECRET'],
    meaning: 'key (\u2265 32 bytes) that signs page sessions and their CSRF tokens',
    default: 'generated once into `KEYS_DIR/pages-session-secret`, shared by every instance using that `KEYS_DIR`',
  },
  {
    variables: ['SESSION_MAX_AGE'],
    meaning: 'how long a sign-in to the pages lasts, `1m` to `30d` (e.g. `8h`, `90m`)',
    default: '`8h`',
  },
  {
    variables: ['PAGES_DEV_SIGN_IN'],
    meaning:
      '`true`: the development sign-in page, where anyone picks a role \u2014 never in production; refused together with `OIDC_ISSUER`',
    default: 'on only in development mode (no `AUTH_JWT_SECRET`, no JWKS, no OIDC)',
  },
  {
    variables: ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'],
    meaning:
      "sign-in to the pages with the landlord's identity provider (authorization code with PKCE); all three together. `OIDC_REDIRECT_URL` is this service's `https://\u2026/sign-in/callback`",
    default: 'unset',
  },
  {
    variables: ['OIDC_CLIENT_SECRET', 'OIDC_ROLES_CLAIM', 'OIDC_SCOPE'],
    meaning:
      "the client's secret (confidential clients), the ID token claim holding the person's roles, the scopes asked for",
    default: 'unset, `roles`, `openid profile email`',
  },
  {
    variables: ['LOG_LEVEL'],
    meaning:
      '`debug`, `info`, `warn`, `error`, `silent`: JSON lines on stdout (pino), personal fields redacted; pretty-printed on a terminal outside production ([docs/operations.md](docs/operations.md), "Logs")',
    default: '`info`',
  },
  {
    variables: ['SHUTDOWN_TIMEOUT_MS'],
    meaning:
      'on SIGTERM/SIGINT, the hard deadline of the stop (API and worker): the API at once refuses new connections, answers in-flight requests with `Connection: close`, closes idle keep-alive sockets and ends event streams; at half the deadline it closes what is left; at the deadline the process exits with code 1 whatever still hangs (a batch stuck on a lock, a connection that will not close)',
    default: '`10000`',
  },
];

export const CONFIG_TABLE_START = '<!-- config:start -->';
export const CONFIG_TABLE_END = '<!-- config:end -->';

/** The README's table of CONFIG_VARIABLES, as Markdown. */
export function configTable(): string {
  const rows = CONFIG_VARIABLES.map(
    (row) => `| ${row.variables.map((name) => `\`${name}\``).join(', ')} | ${row.meaning} | ${row.default} |`,
  );
  return ['| variable | meaning | default |', '| --- | --- | --- |', ...rows].join('\n');
}

/** `readme` with the table between its config markers replaced by `configTable()`. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(CONFIG_TABLE_START);
  const end = readme.indexOf(CONFIG_TABLE_END);
  if (start === -1 || end < start) {
    throw new Error(
      `the README has no ${CONFIG_TABLE_START} … ${CONFIG_TABLE_END} markers around its configuration table`,
    );
  }
  // Blank lines around the table: a Markdown table must not run on from the comment's HTML block.
  return `${readme.slice(0, start + CONFIG_TABLE_START.length)}\n\n${configTable()}\n\n${readme.slice(end)}`;
}

/** The table between the README's config markers, or undefined without them. */
export function configTableOf(readme: string): string | undefined {
  const start = readme.indexOf(CONFIG_TABLE_START);
  const end = readme.indexOf(CONFIG_TABLE_END);
  return start === -1 || end < start ? undefined : readme.slice(start + CONFIG_TABLE_START.length, end).trim();
}
