import { describe, expect, it } from 'vitest';
import { HOUSING_OMBUDSMAN } from '@complaints/reporting';
import { DEFAULT_BRANDING } from '../../branding';
import { createPageRenderer } from '../../render/page-renderer';
import { residentLookupForm, residentStatusPageContext, type ResidentStatusForPage } from './resident-page';

const pages = createPageRenderer({
  branding: { ...DEFAULT_BRANDING, landlordName: 'Northbridge Homes' },
  stylesheetVersion: 'abc',
});
const frame = { title: 'Complaint', csrfToken: 't', path: '/resident' };
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const status = (overrides: Partial<ResidentStatusForPage>): ResidentStatusForPage => ({
  reference: 'CMP-2026-000123',
  status: 'being investigated',
  stage: 1,
  receivedOn: '2026-03-02',
  acknowledgedOn: '2026-03-03',
  codeResponseDue: '2026-03-30',
  responseDue: '2026-03-30',
  overdueAgainstCode: false,
  codeResponseDatePassed: false,
  respondedOn: null,
  nextStep: 'We will send you our response by 30 March 2026.',
  howToEscalate: null,
  ombudsman: null,
  ...overrides,
});
const render = (s: ResidentStatusForPage) =>
  textOf(pages.render('resident-status', frame, residentStatusPageContext(s, 'Northbridge Homes')));

describe('the resident status page', () => {
  it('says where the complaint is, by when, and who is handling it (a team, not a person)', () => {
    const text = render(status({}));
    expect(text).toContain('We are looking into your complaint');
    expect(text).toContain('Being investigated, stage 1');
    expect(text).toContain('Our response is due by 30 March 2026');
    expect(text).toContain('The complaints team at Northbridge Homes is handling your complaint');
    expect(text).not.toContain('If you are not happy');
  });

  it('after an extension beyond the Code, gives both dates, and the Ombudsman with how to challenge it', () => {
    const text = render(
      status({
        responseDue: '2026-04-14',
        ombudsman: { ...HOUSING_OMBUDSMAN, when: 'We have extended the time for our response.' },
      }),
    );
    expect(text).toContain('Our response is due by 30 March 2026');
    expect(text).toContain('We have told you we aim to respond by 14 April 2026');
    expect(text).toContain('If you are not happy');
    expect(text).toContain('0300 111 3000');
  });

  it('at stage 2, says the review is by someone not involved at stage 1', () => {
    expect(render(status({ stage: 2, status: 'being reviewed' }))).toContain(
      'who was not involved in our stage 1 response',
    );
  });

  it('once the procedure has ended, says nobody is working on it and where to go next', () => {
    const text = render(
      status({
        status: 'not taken on',
        acknowledgedOn: null,
        codeResponseDue: null,
        responseDue: null,
        ombudsman: { ...HOUSING_OMBUDSMAN, when: 'You can ask the Housing Ombudsman.' },
      }),
    );
    expect(text).toContain('We could not take your complaint through our complaints procedure');
    expect(text).not.toContain('Who is handling it');
    expect(text).toContain('Housing Ombudsman Service');
  });

  it('has a heading for every status word the resident status uses', () => {
    for (const word of [
      'received',
      'review requested',
      'being investigated',
      'being reviewed',
      'response sent',
      'final response sent',
      'closed',
      'withdrawn',
      'not taken on',
    ]) {
      expect(residentStatusPageContext(status({ status: word }), 'N').headline).not.toContain(':');
    }
  });
});

describe('the resident lookup form', () => {
  const readCode = (typed: string) => (/^[0-9A-Z]{5}-?[0-9A-Z]{5}$/i.test(typed) ? typed.toUpperCase() : null);

  it('reads a reference as typed (case and spaces ignored) and names each field that is wrong', () => {
    expect(residentLookupForm({ reference: ' cmp-2026-000123 ', accessCode: '7kq2m-xd4pa' }, readCode)).toEqual({
      reference: 'CMP-2026-000123',
      accessCode: '7kq2m-xd4pa',
      errors: {},
    });
    const wrong = residentLookupForm({ reference: '<script>', accessCode: 'nope' }, readCode);
    expect(wrong.errors.reference).toContain('as it is written on your letter');
    expect(wrong.errors.accessCode).toContain('10 letters and numbers');
    expect(residentLookupForm({}, readCode).errors).toEqual({
      reference: 'Enter your complaint reference',
      accessCode: 'Enter your access code',
    });
  });
});
