import { actionPlanFor, quarterOf } from '@complaints/reporting';
import { describe, expect, it } from 'vitest';
import { actionPlanCsv } from './action-plan-csv';

const quarter = quarterOf('2025-Q3')!;
const panelLesson = (lessonId: string, recordedOn: string, madeOn: string | null) => ({
  lessonId,
  recordedOn,
  serviceArea: 'Repairs',
  category: null,
  lesson: `Lesson ${lessonId}, said "no"`,
  rootCause: null,
  improvementAction: `Action ${lessonId}`,
  dueBy: '2025-11-30',
  madeOn,
  whatChanged: madeOn ? 'Surveys booked' : null,
});

describe('the action plan as CSV', () => {
  it("has a row per lesson of the quarter and per action carried over, without the team's columns for a panel's plan", () => {
    const plan = actionPlanFor(
      [panelLesson('L2', '2025-10-05', null), panelLesson('L1', '2025-08-01', '2025-10-20')],
      quarter,
      '2026-01-10',
    );
    expect(actionPlanCsv(plan).split('\r\n')).toEqual([
      'quarter,service_area,row,lesson_id,recorded_on,lesson,root_cause,improvement_action,due_by,status,made_on,what_changed',
      '2025-Q3,Repairs,in_quarter,L2,2025-10-05,"Lesson L2, said ""no""",,Action L2,2025-11-30,overdue,,',
      '2025-Q3,Repairs,carried_over,L1,2025-08-01,"Lesson L1, said ""no""",,Action L1,2025-11-30,made,2025-10-20,Surveys booked',
      '',
    ]);
  });

  it("adds the reference, owner and evidence for the team's plan", () => {
    const plan = actionPlanFor(
      [{ ...panelLesson('L2', '2025-10-05', null), reference: 'CMP-1', owner: 'Head of Repairs', evidence: null }],
      quarter,
      '2025-10-06',
    );
    const [header, row] = actionPlanCsv(plan).split('\r\n');
    expect(header).toBe(
      'quarter,service_area,row,lesson_id,reference,recorded_on,lesson,root_cause,improvement_action,owner,due_by,status,made_on,what_changed,evidence',
    );
    expect(row).toBe(
      '2025-Q3,Repairs,in_quarter,L2,CMP-1,2025-10-05,"Lesson L2, said ""no""",,Action L2,Head of Repairs,2025-11-30,planned,,,',
    );
  });
});
