import { Foundation1795309600855 } from './1795309600855-Foundation';
import { PlansAndProjects1795311032798 } from './1795311032798-PlansAndProjects';
import { ProgressReports1795312228413 } from './1795312228413-ProgressReports';
import { ThaiNameSearch1795313000000 } from './1795313000000-ThaiNameSearch';
import { AuditLog1795316837250 } from './1795316837250-AuditLog';
import { PartnerApi1795321228615 } from './1795321228615-PartnerApi';
import { ApiBudget1795400000000 } from './1795400000000-ApiBudget';
import { ImplementationSummaries1795400100000 } from './1795400100000-ImplementationSummaries';
import { DeferSummaryTriggers1795400200000 } from './1795400200000-DeferSummaryTriggers';
import { AggregateVersions1795400300000 } from './1795400300000-AggregateVersions';
import { AggregateVersionsOfNames1795400400000 } from './1795400400000-AggregateVersionsOfNames';
import { AggregateVersionsByYear1795400500000 } from './1795400500000-AggregateVersionsByYear';
import { SummaryRefreshOncePerCommit1795400600000 } from './1795400600000-SummaryRefreshOncePerCommit';
import { AssessmentScoreScale1795400700000 } from './1795400700000-AssessmentScoreScale';
import { LegacyFormFields1795500100000 } from './1795500100000-LegacyFormFields';
import { PlanRevision1795500200000 } from './1795500200000-PlanRevision';
import { AssessmentScores1795500300000 } from './1795500300000-AssessmentScores';
import { SiteVisitsAndProblems1795500400000 } from './1795500400000-SiteVisitsAndProblems';
import { StaffFoundation1795600000000 } from './1795600000000-StaffFoundation';
import { SecondFactor1795600200000 } from './1795600200000-SecondFactor';
import { ContactChannels1795600400000 } from './1795600400000-ContactChannels';
import { SignInThrottle1795600500000 } from './1795600500000-SignInThrottle';
import { LegacyMapping1795600300000 } from './1795600300000-LegacyMapping';
import { AuditChain1795700200000 } from './1795700200000-AuditChain';
import { JobQueue1795700300000 } from './1795700300000-JobQueue';
import { ReportEvidence1795800200000 } from './1795800200000-ReportEvidence';
import { ExtensionBatch1795800000000 } from './1795800000000-ExtensionBatch';

/** Every migration in order; add each new one here (compiled JS and ts-node see the same list). */
export const migrations = [
  Foundation1795309600855,
  PlansAndProjects1795311032798,
  ProgressReports1795312228413,
  ThaiNameSearch1795313000000,
  AuditLog1795316837250,
  PartnerApi1795321228615,
  ApiBudget1795400000000,
  ImplementationSummaries1795400100000,
  DeferSummaryTriggers1795400200000,
  AggregateVersions1795400300000,
  AggregateVersionsOfNames1795400400000,
  AggregateVersionsByYear1795400500000,
  SummaryRefreshOncePerCommit1795400600000,
  AssessmentScoreScale1795400700000,
  LegacyFormFields1795500100000,
  PlanRevision1795500200000,
  AssessmentScores1795500300000,
  SiteVisitsAndProblems1795500400000,
  StaffFoundation1795600000000,
  SecondFactor1795600200000,
  LegacyMapping1795600300000,
  ContactChannels1795600400000,
  SignInThrottle1795600500000,
  AuditChain1795700200000,
  JobQueue1795700300000,
  ExtensionBatch1795800000000,
  ReportEvidence1795800200000,
];
