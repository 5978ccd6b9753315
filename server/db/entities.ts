import { Account } from '../modules/account/account.entity';
import { ActivationCode } from '../modules/account/activation-code.entity';
import { PasswordReset } from '../modules/account/password-reset.entity';
import { RecoveryCode } from '../modules/account/recovery-code.entity';
import { SignInChallenge } from '../modules/account/sign-in-challenge.entity';
import { Session } from '../modules/account/session.entity';
import { District } from '../modules/geo/district.entity';
import { Province } from '../modules/geo/province.entity';
import { Region } from '../modules/geo/region.entity';
import { ApiBudget } from '../graphql/limits/api-budget.entity';
import { AuditEvent } from '../modules/audit/audit-event.entity';
import { ChangeEvent } from '../modules/history/change-event.entity';
import { Lao } from '../modules/lao/lao.entity';
import { Assessment } from '../modules/plan/assessment.entity';
import { AssessmentPassMark } from '../modules/plan/pass-mark.entity';
import { SelfAssessment } from '../modules/plan/self-assessment.entity';
import { ItaScore } from '../modules/ita/ita-score.entity';
import { PlanCycle } from '../modules/plan/plan-cycle.entity';
import { Plan } from '../modules/plan/plan.entity';
import { Project } from '../modules/project/project.entity';
import { ApiKey } from '../modules/partner/api-key.entity';
import { DeletedRecord } from '../modules/partner/deleted-record.entity';
import { IdempotencyKey, Report, ReportRevision, RoundReminder } from '../modules/report/report.entity';
import { ReportingRound } from '../modules/report/reporting-round.entity';
import { LaoRoundSummary } from '../modules/report/lao-round-summary.entity';
import { AggregateVersion } from '../modules/analytics/aggregate-version.entity';
import { ExtensionBatch } from '../modules/report/extension-batch.entity';
import { RoundExtension } from '../modules/report/round-extension.entity';
import { ProblemReport } from '../modules/follow-up/problem-report.entity';
import { SiteVisit, SiteVisitFile, SiteVisitFileContent } from '../modules/follow-up/site-visit.entity';
import { ReportEvidence, ReportEvidenceContent } from '../modules/evidence/report-evidence.entity';
import { ContactChannels } from '../modules/help/contact-channels.entity';
import { LegacyMapping } from '../modules/legacy/legacy-mapping.entity';

/** Every entity, listed explicitly so ts-node, compiled JS and jest see the same set. */
export const entities = [
  Region,
  Province,
  District,
  Lao,
  Account,
  Session,
  ActivationCode,
  PasswordReset,
  RecoveryCode,
  SignInChallenge,
  PlanCycle,
  Plan,
  Assessment,
  SelfAssessment,
  AssessmentPassMark,
  ItaScore,
  Project,
  ChangeEvent,
  ReportingRound,
  RoundExtension,
  ExtensionBatch,
  Report,
  ReportRevision,
  IdempotencyKey,
  RoundReminder,
  AuditEvent,
  ApiBudget,
  ApiKey,
  DeletedRecord,
  LaoRoundSummary,
  AggregateVersion,
  SiteVisit,
  SiteVisitFile,
  SiteVisitFileContent,
  ReportEvidence,
  ReportEvidenceContent,
  ProblemReport,
  ContactChannels,
  LegacyMapping,
];
