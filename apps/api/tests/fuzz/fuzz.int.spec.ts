import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Roles as ALL_ROLES, type Role } from '@complaints/contracts';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';
import { requestArbitrary, type FuzzContext, type FuzzRequest } from './arbitraries';
import { send, type RawResponse } from './raw-http';
import { routesOf, type Route } from './routes';

/**
 * Hostile input on every route (issue 10): fast-check draws requests for each operation of the
 * OpenAPI document — its path, query and body parameters, valid values mixed with NUL, lone
 * surrogates, 64-bit overflows, years 0/50/9999/10000, long and blank ids, wrong types, deep
 * nesting, malformed JSON and percent-encoding — and checks that the server never answers 5xx,
 * that every 4xx is problem+json, and that no body with refused text is accepted. Afterwards a
 * normal lifecycle still works and the read models are not behind. Seeded (FUZZ_SEED, printed)
 * and bounded (FUZZ_RUNS); on PostgreSQL when DATABASE_URL is set, like the rest of the suite.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_201);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1_500);

let t: TestApp;
let routes: Route[];
let context: FuzzContext;
const tokens = new Map<Role, string>();

const sent = { requests: 0, byStatus: new Map<number, number>(), byRoute: new Map<string, number>() };

async function api(
  method: string,
  path: string,
  role: Role,
  body?: unknown,
): Promise<RawResponse & { json: Record<string, unknown> }> {
  const res = await send(t.baseUrl, {
    method,
    path,
    headers: {
      authorization: `Bearer ${tokens.get(role)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
  });
  return { ...res, json: res.contentType.includes('json') ? (JSON.parse(res.text) as Record<string, unknown>) : {} };
}

/** A complaint taken through a normal life: received, acknowledged, responded to with a remedy; its last write's position. */
async function lifecycle(label: string): Promise<{ id: string; reference: string; position: string }> {
  const created = await api('POST', '/api/v1/complaints', 'complaints_officer', complaintBody({ serviceArea: label }));
  expect(created.status, created.text).toBe(201);
  const id = created.json['id'] as string;
  const acknowledged = await api('POST', `/api/v1/complaints/${id}/acknowledgements`, 'complaints_officer', {
    handler: { id: 'u-017', name: 'Sam Officer' },
    headsOfComplaint: ['Mould'],
  });
  expect(acknowledged.status, acknowledged.text).toBe(200);
  const responded = await api('POST', `/api/v1/complaints/${id}/responses`, 'complaints_officer', {
    decisions: [{ head: 'Mould', outcome: 'upheld', reasons: 'The fan was never replaced.' }],
    remedies: {
      apology: true,
      actions: [{ description: 'Fit a fan', dueBy: '2026-05-15' }],
      compensation: [{ amountPence: 5000, kind: 'time_and_trouble' }],
    },
  });
  expect(responded.status, responded.text).toBe(200);
  return { id, reference: created.json['reference'] as string, position: responded.json['position'] as string };
}

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ALL_ROLES) tokens.set(role, await t.token(role));
  // Read whole (send() keeps only the head of a large answer): the document outgrew that cap.
  const document = await fetch(`${t.baseUrl}/api/docs-json`);
  routes = routesOf((await document.json()) as Parameters<typeof routesOf>[0]);
  // Real targets, so that valid draws reach the domain and the read models, not just the 404.
  const live = await lifecycle('fuzz-target');
  const readModels = await api('GET', '/api/v1/admin/read-models', 'admin');
  context = {
    tokens,
    pathValues: {
      id: [live.id, (await lifecycle('fuzz-target')).id],
      reference: [live.reference],
      actionId: ['S1-A1', 'S2-A1'],
      orderId: ['O1', 'order-1'],
      year: ['2025', '2026'],
      name: (readModels.json['readModels'] as { name: string }[]).map((m) => m.name),
      type: ['ComplaintReceived'],
      version: ['v1', 'v2'],
    },
  };
});

/** Rebuilds the fuzzing started run in the background: let them finish, so none outlives the app (CI shares one PostgreSQL database). */
async function rebuildsFinished(): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const status = await api('GET', '/api/v1/admin/read-models', 'admin');
    if ((status.json['readModels'] as { rebuild: unknown }[]).every((model) => model.rebuild === null)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

afterAll(async () => {
  const statuses = [...sent.byStatus.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
  console.log(
    `fuzz summary (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'embedded store'}, seed ${SEED}, runs ${RUNS}): ` +
      `${sent.requests} requests over ${sent.byRoute.size} routes (at least ${Math.min(...sent.byRoute.values())} each); statuses ${statuses.join(', ')}`,
  );
  await t?.close();
});

function verdict(req: FuzzRequest, res: RawResponse): string | undefined {
  if (res.status >= 500) return `answered ${res.status}`;
  if (res.status >= 400) {
    if (!res.contentType.startsWith('application/problem+json'))
      return `${res.status} as ${res.contentType || 'no content type'}, not problem+json`;
    let problem: { status?: unknown; type?: unknown };
    try {
      problem = JSON.parse(res.text) as typeof problem;
    } catch {
      return `${res.status} problem body is not JSON`;
    }
    if (problem.status !== res.status || typeof problem.type !== 'string')
      return `${res.status} problem says status ${String(problem.status)}`;
  }
  if (req.bodyHasForbiddenText && res.status < 300)
    return `accepted a body with a control character or lone surrogate (${res.status})`;
  return undefined;
}

describe('fuzzing every route of the OpenAPI document', () => {
  it('covers every documented operation', () => {
    const templates = routes.map((r) => `${r.method} ${r.template}`);
    expect(templates).toContain('POST /api/v1/complaints');
    expect(templates).toContain('GET /api/v1/public/complaints/{reference}/status');
    expect(routes.filter((r) => r.body).length).toBeGreaterThanOrEqual(18);
  });

  it('never answers 5xx, always problem+json for a 4xx, and accepts no refused text', async () => {
    const documented = fc.constantFrom(...routes).chain((route) => requestArbitrary(route, context));
    // Now and then a method the route does not have, or a path next to a real one.
    const arbitrary = fc.oneof(
      { weight: 30, arbitrary: documented },
      {
        weight: 1,
        arbitrary: fc
          .tuple(documented, fc.constantFrom('PUT', 'PATCH', 'DELETE'))
          .map(([req, method]) => ({ ...req, method })),
      },
      {
        weight: 1,
        arbitrary: documented.map((req) => ({ ...req, path: req.path.replace(/^\/api\/v1\//, '/api/v1/x/') })),
      },
    );
    console.log(`fuzz: seed ${SEED}, ${RUNS} requests over ${routes.length} routes`);
    await fc.assert(
      fc.asyncProperty(arbitrary, async (req) => {
        const res = await send(t.baseUrl, req);
        sent.requests++;
        sent.byStatus.set(res.status, (sent.byStatus.get(res.status) ?? 0) + 1);
        sent.byRoute.set(req.route, (sent.byRoute.get(req.route) ?? 0) + 1);
        const wrong = verdict(req, res);
        if (wrong) throw new Error(`${req.method} ${req.path.slice(0, 300)} ${wrong}: ${res.text.slice(0, 300)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Every operation of the document was exercised, new ones included.
    if (RUNS >= routes.length * 10)
      expect([...sent.byRoute.keys()].sort()).toEqual(routes.map((r) => `${r.method} ${r.template}`).sort());
  }, 300_000);

  it('leaves a server that still runs a normal lifecycle, with read models that are not behind', async () => {
    await rebuildsFinished();
    const { id, position } = await lifecycle('fuzz-after');
    // Read-your-writes: answered only once every read model has applied the last write (503 otherwise).
    const list = await api(
      'GET',
      `/api/v1/complaints?serviceArea=fuzz-after&waitForPosition=${position}`,
      'complaints_officer',
    );
    expect(list.status, list.text).toBe(200);
    expect((list.json['items'] as { id: string }[]).map((item) => item.id)).toContain(id);
    const chronology = await api('GET', `/api/v1/complaints/${id}/chronology`, 'auditor');
    expect(chronology.status).toBe(200);
    const status = await api('GET', '/api/v1/admin/read-models', 'admin');
    for (const model of status.json['readModels'] as { name: string; lagEvents: string; checkpoint: string }[]) {
      expect(BigInt(model.checkpoint), model.name).toBeGreaterThanOrEqual(BigInt(position));
      expect(model.lagEvents, model.name).toBe('0');
    }
  }, 60_000);
});
