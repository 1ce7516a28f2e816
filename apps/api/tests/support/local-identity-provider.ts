import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** Who the provider signs in next (it has no login form: the test decides who is at the keyboard). */
export interface LocalUser {
  sub: string;
  name: string;
  /** Extra claims of the ID token, e.g. the roles claim. */
  claims: Record<string, unknown>;
}

/** One request to the token endpoint, and what the provider answered. */
export interface TokenRequest {
  code: string;
  codeVerifier: string | undefined;
  outcome: 'issued' | 'unknown code' | 'wrong client' | 'wrong redirect_uri' | 'pkce mismatch';
}

interface PendingCode {
  user: LocalUser;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
}

/**
 * A small OpenID provider on 127.0.0.1 for the sign-in tests: discovery, JWKS, an authorisation
 * endpoint that signs in `nextUser` at once and redirects back with a code, and a token endpoint
 * that checks the client, the redirect_uri and the PKCE verifier (S256) before it issues an ID
 * token signed with its RS256 key. Codes are single use, as a real provider's are.
 */
export class LocalIdentityProvider {
  nextUser: LocalUser = { sub: 'user-1', name: 'Olive Officer', claims: {} };
  /** Changes the next ID token, to prove the client checks it (e.g. `{ nonce: 'other' }`). */
  tamper: Record<string, unknown> = {};
  /**
   * Where the browser is sent back to, when it is not the redirect_uri's own origin: the
   * service's configured public address (behind a proxy in production) is not where a test app
   * listens. Only the front channel changes; the token request must still name the redirect_uri.
   */
  callbackOrigin: string | undefined;
  readonly tokenRequests: TokenRequest[] = [];
  readonly authorizationRequests: URLSearchParams[] = [];
  private readonly codes = new Map<string, PendingCode>();
  private server!: Server;
  private key!: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  private jwk!: JWK;
  issuer = '';

  constructor(private readonly client: { clientId: string; clientSecret: string }) {}

  async start(): Promise<this> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    this.key = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => {
      this.handle(req)
        .then(({ status, headers, body }) => {
          res.writeHead(status, headers);
          res.end(body);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const url = new URL(req.url ?? '/', this.issuer);
    const json = (status: number, value: unknown) => ({
      status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify(value),
    });
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        scopes_supported: ['openid', 'profile', 'email'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return json(200, { keys: [this.jwk] });
    if (req.method === 'GET' && url.pathname === '/authorize') return this.authorize(url.searchParams);
    if (req.method === 'POST' && url.pathname === '/token') return this.token(req, json);
    return json(404, { error: 'not_found' });
  }

  private authorize(params: URLSearchParams) {
    this.authorizationRequests.push(params);
    const redirectUri = params.get('redirect_uri') ?? '';
    const bad = (description: string) => ({
      status: 400,
      headers: { 'content-type': 'text/plain' },
      body: description,
    });
    if (params.get('client_id') !== this.client.clientId) return bad('unknown client');
    if (params.get('response_type') !== 'code') return bad('only the code flow');
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge'))
      return bad('PKCE (S256) is required');
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, {
      user: this.nextUser,
      clientId: this.client.clientId,
      redirectUri,
      codeChallenge: params.get('code_challenge') ?? '',
      nonce: params.get('nonce') ?? undefined,
    });
    const back = new URL(redirectUri);
    if (this.callbackOrigin) {
      const origin = new URL(this.callbackOrigin);
      back.protocol = origin.protocol;
      back.host = origin.host;
    }
    back.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return { status: 302, headers: { location: back.href }, body: '' };
  }

  private async token(
    req: IncomingMessage,
    json: (status: number, value: unknown) => { status: number; headers: Record<string, string>; body: string },
  ) {
    const form = new URLSearchParams(await bodyOf(req));
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : [];
    const clientId = form.get('client_id') ?? basicId;
    const clientSecret = form.get('client_secret') ?? basicSecret;
    const code = form.get('code') ?? '';
    const codeVerifier = form.get('code_verifier') ?? undefined;
    const pending = this.codes.get(code);
    this.codes.delete(code);
    const refuse = (outcome: TokenRequest['outcome'], error: string) => {
      this.tokenRequests.push({ code, codeVerifier, outcome });
      return json(400, { error });
    };
    if (form.get('grant_type') !== 'authorization_code' || !pending) return refuse('unknown code', 'invalid_grant');
    if (clientId !== this.client.clientId || clientSecret !== this.client.clientSecret)
      return refuse('wrong client', 'invalid_client');
    if (form.get('redirect_uri') !== pending.redirectUri) return refuse('wrong redirect_uri', 'invalid_grant');
    const challenge = codeVerifier ? createHash('sha256').update(codeVerifier).digest('base64url') : undefined;
    if (challenge !== pending.codeChallenge) return refuse('pkce mismatch', 'invalid_grant');
    this.tokenRequests.push({ code, codeVerifier, outcome: 'issued' });
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: this.issuer,
      aud: pending.clientId,
      sub: pending.user.sub,
      iat: now,
      exp: now + 300,
      name: pending.user.name,
      ...pending.user.claims,
      ...(pending.nonce ? { nonce: pending.nonce } : {}),
      // Last, so a test can change any claim, the registered ones included.
      ...this.tamper,
    };
    const idToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'local-1' }).sign(this.key);
    return json(200, {
      access_token: randomBytes(16).toString('base64url'),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: idToken,
    });
  }
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
