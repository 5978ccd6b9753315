import { laoReportPath, reportIssuer } from '../../client/src/composables/lao-report';

describe('the printable LAO reports', () => {
  it('live under the LAO’s exports for the LAO, under the LAO’s page for NACC', () => {
    expect(laoReportPath('plan-table')).toBe('/lao/exports/plan-table');
    expect(laoReportPath('performance', null)).toBe('/lao/exports/performance');
    expect(laoReportPath('status', '4521')).toBe('/nacc/laos/4521/status');
    // An id is one path segment whatever it holds.
    expect(laoReportPath('assessment', 'a/b?c')).toBe('/nacc/laos/a%2Fb%3Fc/assessment');
  });

  it('are signed by the NACC officer who prints them, else by the LAO’s coordinator', () => {
    expect(reportIssuer(true, 'นางสาวสมศรี ตรวจสอบ', 'นายสมชาย ใจดี')).toBe('นางสาวสมศรี ตรวจสอบ');
    expect(reportIssuer(false, 'อบต.บ้านใหม่', '  นายสมชาย ใจดี ')).toBe('นายสมชาย ใจดี');
    // No coordinator named yet (or only spaces): the signed-in account.
    expect(reportIssuer(false, 'อบต.บ้านใหม่', '   ')).toBe('อบต.บ้านใหม่');
    expect(reportIssuer(false, 'อบต.บ้านใหม่', null)).toBe('อบต.บ้านใหม่');
  });
});
