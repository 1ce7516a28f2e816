import type { SqlExecutor } from '@complaints/adapter-postgres';
import type { Session, SessionTokens } from './session-tokens';

/**
 * Sign-out for real: a session cookie is a signed token that would otherwise stay valid until it
 * expires, so signing out records its session id (api_ended_sessions, shared by every instance)
 * and a cookie naming an ended session is refused from then on. Rows go once the session would
 * have expired anyway.
 */
export class EndedSessions {
  constructor(private readonly sql: SqlExecutor) {}

  async end(sid: string, expiresAt: Date): Promise<void> {
    await this.sql.query(
      'INSERT INTO api_ended_sessions (sid, expires_at) VALUES ($1, $2) ON CONFLICT (sid) DO NOTHING',
      [sid, expiresAt.toISOString()],
    );
    await this.sql.query('DELETE FROM api_ended_sessions WHERE expires_at < now()');
  }

  async isEnded(sid: string): Promise<boolean> {
    const rows = await this.sql.query<{ ended: number }>('SELECT 1 AS ended FROM api_ended_sessions WHERE sid = $1', [
      sid,
    ]);
    return rows.length > 0;
  }
}

/** What the authentication middleware asks of a session cookie: signed by us, not expired, not signed out. */
export interface SessionVerifier {
  verify(token: string): Promise<Session | undefined>;
}

export function liveSessions(tokens: SessionTokens, ended: EndedSessions): SessionVerifier {
  return {
    async verify(token) {
      const session = await tokens.verify(token);
      return session && !(await ended.isEnded(session.sid)) ? session : undefined;
    },
  };
}
