import { afterAll, beforeAll, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * The TSM drill-down a page at a time: `limit` complaints a page in the order received, `next`
 * to ask for the one after, `count` always the figure. No other suite records a complaint in
 * reporting year 2018, yet a shared database (DATABASE_URL) may hold an earlier run's: so the
 * pages are checked against the whole list, and this run's five within it.
 */
let t: TestApp;
let auditor: string;
const received: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const officer = await t.token('complaints_officer');
  auditor = await t.token('auditor');
  const area = uniqueServiceArea('pages');
  // Five complaints received on five days of June 2018 (reporting year 2018), in that order.
  for (const day of ['04', '05', '06', '07', '08']) {
    const res = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .send(complaintBody({ serviceArea: area, receivedAt: `2018-06-${day}T09:00:00Z` }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    received.push((res.body as { id: string }).id);
  }
});
afterAll(() => t?.close());

const get = (query: string) =>
  t.http.get(`/api/v1/reports/tsm/2018/complaints?${query}`).auth(auditor, { type: 'bearer' });

it('pages of 2 list, in order and once each, the whole list; every page gives the figure as count; the last has no next', async () => {
  const whole = await get('measure=ch01-stage1&limit=1000');
  expect(whole.status, JSON.stringify(whole.body)).toBe(200);
  expect(whole.body).toMatchObject({ year: 2018, measure: 'ch01-stage1', next: null });
  const all = (whole.body.complaints as { complaintId: string; receivedOn: string }[]).map((c) => c.complaintId);
  expect(whole.body.count).toBe(all.length);
  // This run's five, in the order received (24 hours apart).
  expect(all.filter((id) => received.includes(id))).toEqual(received);

  const pages: { count: number; complaints: { complaintId: string }[]; next: string | null }[] = [];
  let after: string | null = null;
  do {
    const res = await get(`measure=ch01-stage1&limit=2${after ? `&after=${after}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    after = res.body.next;
  } while (after !== null && pages.length <= all.length);
  expect(pages.flatMap((page) => page.complaints.map((c) => c.complaintId))).toEqual(all);
  expect(pages.slice(0, -1).every((page) => page.complaints.length === 2 && page.next !== null)).toBe(true);
  expect(pages.every((page) => page.count === all.length)).toBe(true);
});

it('a cursor it did not give out, or a limit out of range, is a 400 naming the field', async () => {
  const badCursor = await get('measure=ch01-stage1&after=not-a-cursor');
  expect(badCursor.status).toBe(400);
  expect(badCursor.body.errors).toEqual([{ field: 'after', message: expect.stringContaining('next') }]);
  // Well-formed but made by hand: an impossible date, or text no stored row holds, never reaches the database.
  const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
  for (const parts of [
    ['2025-13-45', 'a', 'b'],
    ['2025-02-30', 'a', 'b'],
    ['2025-06-02', '\u0000', 'x'],
  ]) {
    const res = await get(`measure=ch01-stage1&after=${forged(parts)}`);
    expect(res.status, JSON.stringify(parts)).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'after', message: expect.stringContaining('next') }]);
  }
  const badLimit = await get('measure=ch01-stage1&limit=0');
  expect(badLimit.status).toBe(400);
  expect(badLimit.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
});
