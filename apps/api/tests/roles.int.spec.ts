import { Roles as ALL_ROLES, type Role } from '@complaints/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * The role policy, written out once more as the product owner states it (api.md,
 * "Authentication"), and checked three ways for EVERY route: the route is in this table, the
 * OpenAPI document publishes the same roles, and a request with each of the six roles gets
 * past the guard exactly when its role is listed (403 otherwise).
 */
const O: Role = 'complaints_officer';
const M: Role = 'complaints_manager';
const A: Role = 'auditor';
const P: Role = 'scrutiny_panel';
const I: Role = 'integration';
const ADMIN: Role = 'admin';
const writers = [O, M];

const policy: Record<string, readonly Role[]> = {
  'POST /api/v1/complaints': writers,
  'POST /api/v1/complaints/{id}/acknowledgements': writers,
  'POST /api/v1/complaints/{id}/extensions': writers,
  'POST /api/v1/complaints/{id}/responses': writers,
  'POST /api/v1/complaints/{id}/escalations': writers,
  'POST /api/v1/complaints/{id}/escalation-refusal': writers,
  'POST /api/v1/complaints/{id}/closure': writers,
  'POST /api/v1/complaints/{id}/lessons': writers,
  'POST /api/v1/complaints/{id}/lessons/{lessonId}/plan': writers,
  'POST /api/v1/complaints/{id}/lessons/{lessonId}/completion': writers,
  'POST /api/v1/complaints/{id}/contacts': writers,
  'POST /api/v1/complaints/{id}/withdrawal': writers,
  'POST /api/v1/complaints/{id}/refusal': writers,
  'POST /api/v1/complaints/{id}/assignments': writers,
  'POST /api/v1/complaints/{id}/remedy-actions/{actionId}/completion': writers,
  'POST /api/v1/complaints/{id}/compensation-payments': writers,
  'POST /api/v1/complaints/{id}/satisfaction': writers,
  'POST /api/v1/complaints/{id}/ombudsman/referral': writers,
  'POST /api/v1/complaints/{id}/ombudsman/determination': writers,
  'POST /api/v1/complaints/{id}/ombudsman/orders/{orderId}/compliance': writers,
  'POST /api/v1/complaints/{id}/vulnerabilities': writers,
  'POST /api/v1/complaints/{id}/vulnerabilities/{vulnerabilityId}/end': writers,
  'POST /api/v1/complaints/{id}/reasonable-adjustments': writers,
  'POST /api/v1/complaints/{id}/reasonable-adjustments/{adjustmentId}/reviews': writers,
  'POST /api/v1/complaints/{id}/equality-monitoring': writers,
  'POST /api/v1/complaints/{id}/update-interval': writers,
  'GET /api/v1/reports/equality': [M, A, P],
  'POST /api/v1/complaints/{id}/personal-data/erasure': [ADMIN],
  'POST /api/v1/complaints/{id}/legal-holds': [ADMIN],
  'POST /api/v1/complaints/{id}/legal-holds/{holdId}/release': [ADMIN],
  'POST /api/v1/complaints/{id}/restrictions': [M],
  'POST /api/v1/complaints/{id}/restrictions/{restrictionId}/reviews': [M],
  'POST /api/v1/complaints/{id}/restrictions/{restrictionId}/lifting': [M],
  'POST /api/v1/complaints/{id}/enquiries': writers,
  'POST /api/v1/complaints/{id}/enquiries/{enquiryId}/answer': writers,
  'POST /api/v1/complaints/{id}/panel-participation/request': writers,
  'POST /api/v1/complaints/{id}/panel-participation/meeting': writers,
  'POST /api/v1/complaints/{id}/panel-participation/decline': writers,
  'POST /api/v1/complaints/{id}/heads-of-complaint': writers,
  'POST /api/v1/complaints/{id}/related-complaints': writers,
  'POST /api/v1/complaints/{id}/representative-authority': writers,
  'POST /api/v1/complaints/{id}/representative-authority/withdrawal': writers,
  'GET /api/v1/retention/due': [ADMIN],
  'POST /api/v1/retention/erasures': [ADMIN],
  'POST /api/v1/subject-access/exports': [ADMIN],
  'GET /api/v1/subject-access/exports': [ADMIN],
  'GET /api/v1/complaints': [O, M, A, ADMIN],
  'GET /api/v1/complaints/{id}': [O, M, A, ADMIN],
  'GET /api/v1/complaints/{id}/history': [O, M, A],
  'GET /api/v1/complaints/{id}/chronology': [O, M, A],
  'GET /api/v1/complaints/{id}/integrity': [M, A],
  'GET /api/v1/complaints/{id}/evidence': [M, A],
  'GET /api/v1/complaints/{id}/letters/{letter}': [O, M, A],
  'POST /api/v1/complaints/{id}/letters/{letter}/sent': writers,
  'GET /api/v1/integrity/checkpoint': [O, M, A, P, I, ADMIN],
  'GET /api/v1/integrity/checkpoints': [O, M, A, P, I, ADMIN],
  'GET /api/v1/integrity/keys': [O, M, A, P, I, ADMIN],
  'GET /api/v1/integrity/consistency': [O, M, A, P, I, ADMIN],
  'GET /api/v1/reports/tsm': [O, M, A, P],
  'GET /api/v1/dashboards/sla': [O, M, A, P],
  'GET /api/v1/lessons': [O, M, A, P],
  'GET /api/v1/panel/cases': [O, M, A, P],
  'GET /api/v1/panel/sample': [O, M, A, P],
  'GET /api/v1/panel/reports/monthly': [O, M, A, P],
  'GET /api/v1/reports/annual': [O, M, A, P],
  // The self-assessment against the Code (docs/complaint-handling-code.md): managers record it.
  'POST /api/v1/reports/self-assessment/{year}/statements': [M],
  'GET /api/v1/reports/self-assessment': [O, M, A, P],
  'GET /api/v1/reports/self-assessment/{year}/complaints': [O, M, A],
  'GET /api/v1/reports/action-plans': [M, A, P],
  'GET /api/v1/reports/tsm/{year}/complaints': [O, M, A],
  'GET /api/v1/attention': [O, M, A],
  'GET /api/v1/events': [I, A],
  'GET /api/v1/events/stream': [I, A],
  'GET /api/v1/admin/read-models': [M, A, ADMIN],
  'POST /api/v1/admin/read-models/{name}/rebuild': [ADMIN],
  'GET /api/v1/admin/read-models/{name}/dead-letters': [ADMIN],
  // Documents (docs/documents.md): never panels, integrations or admins.
  'POST /api/v1/complaints/{id}/documents': [O, M],
  'GET /api/v1/complaints/{id}/documents': [O, M, A],
  'GET /api/v1/complaints/{id}/documents/{documentId}': [O, M, A],
  // Feedback that is not a complaint (docs/feedback.md): panels read counts only.
  'POST /api/v1/feedback': writers,
  'GET /api/v1/feedback': [O, M, A],
  'GET /api/v1/feedback/{id}': [O, M, A],
  'POST /api/v1/feedback/{id}/shared': writers,
  'POST /api/v1/feedback/{id}/passed-to-manager': writers,
  'POST /api/v1/feedback/{id}/completed': writers,
  'POST /api/v1/feedback/{id}/complaint': writers,
  'GET /api/v1/panel/feedback': [O, M, A, P],
  // The Code's governance outputs (docs/annual-report.md): managers record the response and publish.
  'POST /api/v1/reports/annual/{year}/governing-body-response': [M],
  'POST /api/v1/reports/annual/{year}/publication': [M],
  'GET /api/v1/reports/annual/document': [O, M, A, P],
  'GET /api/v1/reports/member-responsible': [O, M, A, P],
};
const publicRoutes = [
  'GET /health',
  'GET /ready',
  'GET /metrics',
  'GET /api/v1/public/complaints/{reference}/status',
  'GET /api/v1/public/performance',
  'GET /api/v1/public/annual-report',
  'GET /api/v1/public/self-assessment',
];

let t: TestApp;
let complaintId: string;
let documented: Map<string, readonly string[]>;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ALL_ROLES) tokens.set(role, await t.token(role));
  const created = await t.http
    .post('/api/v1/complaints')
    .auth(tokens.get(O)!, { type: 'bearer' })
    .send(complaintBody());
  complaintId = created.body.id;
  const doc = (await t.http.get('/api/docs-json')).body as {
    paths: Record<string, Record<string, { 'x-roles'?: string[] }>>;
  };
  documented = new Map();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations))
      documented.set(`${method.toUpperCase()} ${path}`, operation['x-roles'] ?? []);
  }
});
afterAll(() => t?.close());

/** A value for each path parameter other than the complaint's id (any other is sent as written). */
const SAMPLE_PATH_VALUES: Readonly<Record<string, string>> = {
  actionId: 'action-1',
  orderId: 'order-1',
  holdId: 'LH1',
  restrictionId: 'R1',
  enquiryId: 'E1',
  letter: 'acknowledgement-1',
  year: '2025',
};

/** Status of one request, reading no more than the headers (the event stream never ends). */
async function statusOf(route: string, token: string): Promise<number> {
  const [method, template] = route.split(' ') as [string, string];
  const path = template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name === 'id' ? complaintId : (SAMPLE_PATH_VALUES[name] ?? whole),
  );
  const query = path.endsWith('/reports/tsm') ? '?year=2025' : '';
  const controller = new AbortController();
  const res = await fetch(`${t.baseUrl}${path}${query}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(method === 'POST' ? { body: '{}' } : {}),
    signal: controller.signal,
  });
  controller.abort();
  return res.status;
}

describe('every route declares its roles', () => {
  it('the OpenAPI document lists exactly the routes of the policy, each with its roles', () => {
    const secured = [...documented.keys()].filter((route) => !publicRoutes.includes(route)).sort();
    expect(secured).toEqual(Object.keys(policy).sort());
    for (const [route, roles] of Object.entries(policy))
      expect([...documented.get(route)!].sort(), route).toEqual([...roles].sort());
    for (const route of publicRoutes) expect(documented.get(route), route).toEqual([]);
  });

  describe.each(Object.entries(policy))('%s', (route, allowed) => {
    it.each(ALL_ROLES.map((role) => [role, allowed.includes(role)] as const))(
      '%s allowed: %s',
      async (role, isAllowed) => {
        const status = await statusOf(route, tokens.get(role)!);
        if (isAllowed) expect([401, 403]).not.toContain(status);
        else expect(status).toBe(403);
      },
    );

    it('without a token: 401', async () => {
      const [method, template] = route.split(' ') as [string, string];
      const res = await fetch(`${t.baseUrl}${template.replace('{id}', complaintId)}`, { method });
      expect(res.status).toBe(401);
    });
  });
});
