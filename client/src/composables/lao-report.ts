// Where the printable LAO reports live and who signs them, without Vue (tested in
// test/client/lao-report.test.ts); use-report-lao.ts adds the LAO and the viewer.

/** The printable LAO reports: plan table, performance summary, project status, assessment. */
export type LaoReportKind = 'plan-table' | 'performance' | 'status' | 'assessment';

export const laoReportKinds: readonly LaoReportKind[] = ['plan-table', 'performance', 'status', 'assessment'];

/** Where an LAO report lives: under /lao/exports for the LAO itself, under /nacc/laos/:laoId for NACC. */
export const laoReportPath = (kind: LaoReportKind, laoId: string | null = null): string =>
  laoId === null ? `/lao/exports/${kind}` : `/nacc/laos/${encodeURIComponent(laoId)}/${kind}`;

/**
 * Who signs a printed report: the NACC officer who prints it; for the LAO's own reports its
 * coordinator, else (no coordinator named yet) the signed-in account.
 */
export const reportIssuer = (
  naccMode: boolean,
  viewerName: string,
  coordinatorName: string | null | undefined,
): string => (naccMode ? viewerName : coordinatorName?.trim() || viewerName);
