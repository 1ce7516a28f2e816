import { parseArgs } from 'node:util';
import { Roles as KNOWN_ROLES, type Role } from '@complaints/contracts';
import { ConfigError, loadConfig } from '../config/app-config';
import { withEnvFile } from '@complaints/runtime';
import { loadOrCreateDevSecret } from '../auth/dev-secret';
import { signDevToken } from '../auth/dev-tokens';
import { describeDuration, durationSeconds } from '../auth/token-lifetime';

/**
 * `npm run token -- --role auditor [--sub id] [--name "Display Name"] [--expires 8h]`
 * prints one development bearer token, signed with the same secret `npm start` uses
 * (AUTH_JWT_SECRET, or the generated one in DATA_DIR). Only the token goes to stdout.
 * It lives AUTH_MAX_TOKEN_LIFETIME (default 24h) unless --expires asks for less: a longer
 * one would be refused by the API, so it is refused here instead.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', short: 'r' },
      sub: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  const role = values.role;
  if (!role || !(KNOWN_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${KNOWN_ROLES.join(', ')}`);
  }
  const config = loadConfig(withEnvFile(process.env));
  if (config.auth.mode !== 'hs256') {
    throw new UsageError('tokens come from your identity provider when AUTH_JWKS_URL is set');
  }
  const maxSeconds = config.tokens.maxLifetimeSeconds;
  const seconds = values.expires === undefined ? maxSeconds : durationSeconds(values.expires);
  if (seconds === undefined || seconds < 1)
    throw new UsageError('--expires must be a duration such as 8h, 90m, 45s or 1d');
  if (seconds > maxSeconds) {
    throw new UsageError(
      `--expires ${values.expires} is longer than AUTH_MAX_TOKEN_LIFETIME (${describeDuration(maxSeconds)}): the API would refuse the token`,
    );
  }
  const secret = config.auth.secret ?? loadOrCreateDevSecret(config.dataDir).secret;
  const token = await signDevToken({
    secret,
    role: role as Role,
    ...(values.sub ? { sub: values.sub } : {}),
    ...(values.name ? { name: values.name } : {}),
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    expiresIn: `${seconds}s`,
  });
  process.stdout.write(`${token}\n`);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  const message =
    error instanceof UsageError || error instanceof ConfigError || error instanceof TypeError
      ? error.message
      : String(error);
  process.stderr.write(`token: ${message}\n`);
  process.exitCode = 1;
});
