import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import Ajv from 'ajv';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../src/openapi/examples';
import { startTestApp, type TestApp } from './support/test-app';

interface Operation {
  operationId?: string;
  security?: unknown[];
  'x-roles'?: string[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

let t: TestApp;
let document: Document;
beforeAll(async () => {
  t = await startTestApp();
  // Read whole: the document is larger than supertest keeps of an answer.
  document = (await (await fetch(`${t.baseUrl}/api/docs-json`)).json()) as Document;
});
afterAll(() => t?.close());

function operations(): { route: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );
}

describe('the published OpenAPI document as a contract', () => {
  it("passes Redocly's recommended ruleset with no errors", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/openapi.json', config });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('declares a media type and a schema for every success response', () => {
    const missing = operations().flatMap(({ route, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => status.startsWith('2'))
        .filter(([, response]) => {
          const media = Object.values(response.content ?? {});
          return media.length === 0 || media.some((m) => m.schema === undefined);
        })
        .map(([status]) => `${route} ${status}`),
    );
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('names every operation, once, readably (not Nest\u2019s Controller_method)', () => {
    const ids = operations().map(({ operation }) => operation.operationId ?? '');
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['receiveComplaint', 'listComplaints', 'getChronology']));
  });

  it('asks for the bearer token exactly where a role is needed, and answers every failure as a problem', () => {
    for (const { route, operation } of operations()) {
      const roles = operation['x-roles'] ?? [];
      const token = route === 'GET /metrics' ? [{ metricsToken: [] }] : [{ bearer: [] }];
      expect(operation.security, route).toEqual(roles.length || route === 'GET /metrics' ? token : []);
      const failures = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      expect(
        failures.map(([status]) => status),
        route,
      ).toEqual(expect.arrayContaining(['500', '503', ...(roles.length ? ['401', '403'] : [])]));

      for (const [status, response] of failures)
        expect(response.content, `${route} ${status}`).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        });
    }
    // The public routes: probes, the public reports and the resident's lookup.
    const open = operations()
      .filter(({ operation }) => operation.security?.length === 0)
      .map(({ operation }) => operation.operationId);
    expect(open).toEqual(
      expect.arrayContaining(['getHealth', 'getReadiness', 'getPublicPerformance', 'getResidentStatus']),
    );
  });

  it('answers as it says: real answers of the reads match their published schemas', async () => {
    const officer = await t.token('complaints_officer');
    const auditor = await t.token('auditor');
    const admin = await t.token('admin');
    const integration = await t.token('integration');
    const created = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(examples.receive);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const acknowledged = await t.http
      .post(`/api/v1/complaints/${id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .send(examples.acknowledge);
    expect(acknowledged.status).toBe(200);
    // OpenAPI 3.0 schemas (nullable included); formats are the document's business, not this check's.
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const reads: [string, string, string][] = [
      ['/health', '', 'getHealth'],
      ['/ready', '', 'getReadiness'],
      [`/api/v1/complaints?limit=5`, officer, 'listComplaints'],
      [`/api/v1/complaints/${id}`, auditor, 'getComplaint'],
      [`/api/v1/complaints/${id}/history`, auditor, 'getComplaintHistory'],
      [`/api/v1/complaints/${id}/chronology`, auditor, 'getChronology'],
      [`/api/v1/complaints/${id}/integrity`, auditor, 'verifyComplaintIntegrity'],
      ['/api/v1/attention', officer, 'getAttentionQueue'],
      ['/api/v1/dashboards/sla', officer, 'getSlaDashboard'],
      ['/api/v1/lessons', officer, 'listLessons'],
      ['/api/v1/events?limit=5', integration, 'getEventFeed'],
      ['/api/v1/admin/read-models', admin, 'listReadModels'],
      ['/api/v1/reports/tsm?year=2025', auditor, 'getTsmReport'],
    ];
    const byId = new Map(operations().map(({ operation }) => [operation.operationId, operation]));
    for (const [path, token, operationId] of reads) {
      const req = t.http.get(path);
      const res = await (token ? req.auth(token, { type: 'bearer' }) : req);
      expect(res.status, path).toBe(200);
      const ref = (byId.get(operationId)?.responses['200']?.content?.['application/json']?.schema as { $ref: string })
        .$ref;
      const schema = document.components.schemas[ref.replace('#/components/schemas/', '')] as object;
      const valid = ajv.validate(schema, res.body);
      expect(valid, `${operationId}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
    }
  });

  it('types a client, generated by openapi-typescript, that walks the README through a complaint', async () => {
    const types = astToString(await openapiTS(document as unknown as OpenAPI3));
    const dir = mkdtempSync(join(tmpdir(), 'openapi-client-'));
    try {
      writeFileSync(join(dir, 'api.ts'), types);
      writeFileSync(join(dir, 'walkthrough.ts'), WALKTHROUGH);
      const program = ts.createProgram([join(dir, 'walkthrough.ts')], {
        strict: true,
        noEmit: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
      });
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect(diagnostics, diagnostics.join('\n')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * README.md's "A complaint's life, with curl", through a client typed only by the generated
 * `operations`: a wrong body, a missing field or a misread answer would not compile.
 */
const WALKTHROUGH = `
import type { components, operations } from './api';

type Body<Op extends keyof operations> = operations[Op] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Answer<Op extends keyof operations, Status extends keyof operations[Op]['responses'], Media extends string> =
  operations[Op]['responses'][Status] extends { content: { [M in Media]: infer A } } ? A : never;

const API = 'http://localhost:3000';
const OFFICER = 'officer-token';
const AUDITOR = 'auditor-token';

async function send(method: 'GET' | 'POST', path: string, token: string, body?: unknown, accept = 'application/json'): Promise<Response> {
  const res = await fetch(API + path, {
    method,
    headers: { Authorization: 'Bearer ' + token, Accept: accept, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) {
    const problem = (await res.json()) as components['schemas']['Problem'];
    throw new Error(problem.status + ' ' + problem.title + ': ' + problem.detail);
  }
  return res;
}

async function receiveComplaint(body: Body<'receiveComplaint'>): Promise<Answer<'receiveComplaint', 201, 'application/json'>> {
  return (await send('POST', '/api/v1/complaints', OFFICER, body)).json();
}
async function step<Op extends 'acknowledgeComplaint' | 'agreeExtension' | 'issueStageResponse' | 'escalateComplaint' | 'recordLesson' | 'closeComplaint'>(
  _op: Op, path: string, body: Body<Op>,
): Promise<Answer<Op, 200, 'application/json'>> {
  return (await send('POST', path, OFFICER, body)).json();
}
async function getComplaint(id: string): Promise<Answer<'getComplaint', 200, 'application/json'>> {
  return (await send('GET', '/api/v1/complaints/' + id, AUDITOR)).json();
}
async function getComplaintHistory(id: string, asAt: NonNullable<operations['getComplaintHistory']['parameters']['query']>['asAt']): Promise<Answer<'getComplaintHistory', 200, 'application/json'>> {
  return (await send('GET', '/api/v1/complaints/' + id + '/history?asAt=' + asAt, AUDITOR)).json();
}
async function listComplaints(status: NonNullable<operations['listComplaints']['parameters']['query']>['status']): Promise<Answer<'listComplaints', 200, 'application/json'>> {
  return (await send('GET', '/api/v1/complaints?status=' + status, AUDITOR)).json();
}
async function chronologyCsv(id: string): Promise<Answer<'getChronology', 200, 'text/csv'>> {
  return (await send('GET', '/api/v1/complaints/' + id + '/chronology', AUDITOR, undefined, 'text/csv')).text();
}
async function chronologyJson(id: string): Promise<Answer<'getChronology', 200, 'application/json'>> {
  return (await send('GET', '/api/v1/complaints/' + id + '/chronology', AUDITOR)).json();
}
async function verifyComplaintIntegrity(id: string): Promise<Answer<'verifyComplaintIntegrity', 200, 'application/json'>> {
  return (await send('GET', '/api/v1/complaints/' + id + '/integrity', AUDITOR)).json();
}
async function getTsmReport(year: operations['getTsmReport']['parameters']['query']['year']): Promise<Answer<'getTsmReport', 200, 'application/json'>> {
  return (await send('GET', '/api/v1/reports/tsm?year=' + year, AUDITOR)).json();
}

export async function walkthrough(): Promise<string[]> {
  const created = await receiveComplaint({
    receivedAt: '2026-03-02T10:00:00Z', channel: 'email',
    complainant: { name: 'Jane Resident', email: 'jane@example.org' }, serviceArea: 'repairs',
    category: 'damp and mould', description: 'Mould in the bedroom has not been treated', tenure: 'LCRA',
  });
  const id: string = created.id;
  const reference: string = created.reference;
  const at = '/api/v1/complaints/' + id;
  await step('acknowledgeComplaint', at + '/acknowledgements', {
    acknowledgedAt: '2026-03-04T09:00:00Z', handler: { id: 'off-1', name: 'Sam Officer' },
    headsOfComplaint: ['Mould not treated', 'Missed appointment'],
  });
  await step('agreeExtension', at + '/extensions', {
    agreedAt: '2026-03-16T12:00:00Z', additionalWorkingDays: 5, reason: 'Awaiting the damp surveyor report',
    residentInformed: true, ombudsmanDetailsGiven: true,
  });
  const answered = await step('issueStageResponse', at + '/responses', {
    respondedAt: '2026-03-20T15:00:00Z',
    decisions: [{ head: 'Mould not treated', outcome: 'upheld', reasons: 'The job was raised but never completed' }],
    remedies: { apology: true, actions: [{ description: 'Mould wash', dueBy: '2026-04-03' }], compensation: [{ amountPence: 15000, kind: 'time_and_trouble' }] },
  });
  const revision: number = answered.revision;
  await step('escalateComplaint', at + '/escalations', { requestedAt: '2026-03-25T10:00:00Z', reason: 'The treatment date is too late' });
  await step('recordLesson', at + '/lessons', { recordedAt: '2026-04-21T10:00:00Z', lesson: 'Damp jobs closed without a completion check' });
  const closed = await step('closeComplaint', at + '/closure', { closedAt: '2026-04-21T11:00:00Z', outcome: 'upheld at stage 2' });
  const events: string[] = closed.events;

  const view = await getComplaint(id);
  const stage: 1 | 2 = view.stage;
  const responseDue: string | undefined = view.sla.stages[0]?.responseDue;
  const history = await getComplaintHistory(id, '2026-11-23T12:00:00Z');
  const firstEvent: string | undefined = history.events[0]?.type;
  const list = await listComplaints('closed');
  const listed: number = list.total;
  const csv: string = await chronologyCsv(id);
  const chronology = await chronologyJson(id);
  const integrity = await verifyComplaintIntegrity(id);
  const valid: boolean = integrity.valid;
  const tsm = await getTsmReport('2025');
  const ch01: number = tsm.ch01.stage1.count;
  return [reference, String(revision), ...events, String(stage), responseDue ?? '', firstEvent ?? '', String(listed), csv,
    String(chronology.entries.length), String(valid), String(ch01)];
}

// An answer typed never or unknown would let anything through: each must be a real type.
type Known<T> = [T] extends [never] ? false : unknown extends T ? false : true;
export const answersAreTyped: [
  Known<Answer<'receiveComplaint', 201, 'application/json'>>,
  Known<Answer<'acknowledgeComplaint', 200, 'application/json'>>,
  Known<Answer<'getComplaint', 200, 'application/json'>>,
  Known<Answer<'getComplaintHistory', 200, 'application/json'>>,
  Known<Answer<'listComplaints', 200, 'application/json'>>,
  Known<Answer<'getChronology', 200, 'application/json'>>,
  Known<Answer<'getChronology', 200, 'text/csv'>>,
  Known<Answer<'getChronology', 200, 'application/pdf'>>,
  Known<Answer<'verifyComplaintIntegrity', 200, 'application/json'>>,
  Known<Answer<'getTsmReport', 200, 'application/json'>>,
] = [true, true, true, true, true, true, true, true, true, true];

// And the types bite: each of these must fail to compile (an unused @ts-expect-error is itself an error).
export async function mistakes(): Promise<void> {
  // @ts-expect-error a complaint needs a description
  await receiveComplaint({ receivedAt: '2026-03-02T10:00:00Z', channel: 'email', complainant: { name: 'Jane' }, serviceArea: 'repairs' });
  // @ts-expect-error the list has no such field
  void (await listComplaints('open')).complaints;
  // @ts-expect-error the CSV chronology is text
  const rows: number = await chronologyCsv('id');
  // @ts-expect-error no such status to filter on
  await listComplaints('pending');
  void rows;
}
`;
