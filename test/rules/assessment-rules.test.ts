import {
  currentNaccScores,
  decideVerdict,
  effectiveScore,
  sumScores,
  verdictByPassMark,
} from '../../server/modules/plan/plan-rules';
import { AssessmentVerdict, ScoreLevel } from '../../server/modules/plan/plan.enums';

const { PASSED, INCOMPLETE } = AssessmentVerdict;

/** The assessment rulebook (plan-rules.ts exports it): effective score, pass mark, override. */
describe('assessment rules', () => {
  it('sums scores exactly, in hundredths', () => {
    expect(sumScores(['22.5', '24.05', '0.1', '0.2'])).toBe('46.85');
    expect(sumScores(['25', '25', '25', '25'])).toBe('100.00');
  });

  it('takes central’s score, else the provincial office’s, else the self-assessment', () => {
    expect(effectiveScore({ self: 'L', provincial: 'P', central: 'M' })).toBe('M');
    expect(effectiveScore({ self: 'L', provincial: 'P', central: null })).toBe('P');
    expect(effectiveScore({ self: 'L', provincial: null, central: null })).toBe('L');
    expect(effectiveScore({ self: null, provincial: null, central: null })).toBeNull();
  });

  it('counts NACC’s scores given since the last submission, the newest of each level', () => {
    const at = (day: number) => new Date(Date.UTC(2026, 0, day));
    const rows = [
      { id: 1, level: ScoreLevel.CENTRAL, assessedAt: at(2) },
      { id: 2, level: ScoreLevel.PROVINCIAL, assessedAt: at(11) },
      { id: 3, level: ScoreLevel.PROVINCIAL, assessedAt: at(12) },
    ];
    // Central's score of the earlier submission no longer counts after the plan was resubmitted.
    expect(currentNaccScores(rows, at(10))).toEqual({ provincial: rows[2], central: null });
    expect(currentNaccScores(rows, at(1))).toEqual({ provincial: rows[2], central: rows[0] });
    expect(currentNaccScores(rows, null)).toEqual({ provincial: null, central: null });
  });

  it('passes a total that reaches the pass mark, exactly', () => {
    expect(verdictByPassMark('60.00', '60')).toBe(PASSED);
    expect(verdictByPassMark('59.99', '60.00')).toBe(INCOMPLETE);
    expect(verdictByPassMark('100.00', null)).toBeNull();
  });

  it('follows the pass mark, lets the assessor override it only with a reason, and asks for a verdict without a mark', () => {
    const base = { fiscalYear: 2570, totalScore: '72.50', passMark: '60.00' };
    expect(decideVerdict(base)).toEqual({ verdict: PASSED, computedVerdict: PASSED, overrideReason: null });
    // Agreeing with the mark keeps no reason.
    expect(decideVerdict({ ...base, chosen: PASSED, overrideReason: 'x' }).overrideReason).toBeNull();
    expect(decideVerdict({ ...base, chosen: INCOMPLETE, overrideReason: ' มิติที่ 3 ไม่มีโครงการ ' })).toEqual({
      verdict: INCOMPLETE,
      computedVerdict: PASSED,
      overrideReason: 'มิติที่ 3 ไม่มีโครงการ',
    });
    const refusal = (args: Parameters<typeof decideVerdict>[0]) => {
      try {
        decideVerdict(args);
      } catch (error) {
        return (error as { extensions: { code: string; fields: { field: string; message: string }[] } })
          .extensions;
      }
      throw new Error('not refused');
    };
    expect(refusal({ ...base, chosen: INCOMPLETE, overrideReason: '  ' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          field: 'overrideReason',
          message:
            'คะแนนรวม 72.50 เทียบกับเกณฑ์ 60.00 ได้ผล "ผ่านเกณฑ์" หากต้องการให้ผลเป็น "ไม่ผ่านเกณฑ์ (ไม่สมบูรณ์)" กรุณาระบุเหตุผลที่ปรับผล',
        },
      ],
    });
    expect(refusal({ ...base, passMark: null })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'verdict', message: 'ยังไม่ได้กำหนดเกณฑ์คะแนนผ่านของปีงบประมาณ 2570 กรุณาเลือกผลการประเมิน' }],
    });
    expect(decideVerdict({ ...base, passMark: null, chosen: INCOMPLETE })).toEqual({
      verdict: INCOMPLETE,
      computedVerdict: null,
      overrideReason: null,
    });
  });
});
