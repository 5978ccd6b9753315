// Hand-written shapes of the documents in this folder (the schema is the contract).

export type Role = 'LAO' | 'NACC_CENTRAL' | 'NACC_PROVINCE' | 'PARTNER';

export type LaoType =
  | 'PAO'
  | 'CITY_MUNICIPALITY'
  | 'TOWN_MUNICIPALITY'
  | 'SUBDISTRICT_MUNICIPALITY'
  | 'SAO'
  | 'PATTAYA'
  | 'BANGKOK';

export type LaoSize = 'SMALL' | 'MEDIUM' | 'LARGE';

export type ProfileTab = 'LOCATION' | 'AREA' | 'COORDINATOR';

export type PlaceRef = { id: string; nameTh: string };

export type ProvinceWithDistricts = PlaceRef & { districts: PlaceRef[] };

export type ViewerLao = {
  id: string;
  code: string;
  nameTh: string;
  type: LaoType;
  province: PlaceRef;
  district: PlaceRef;
  incompleteProfileTabs: ProfileTab[];
  profileCompletedAt: string | null;
};

export type Viewer = {
  account: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    lastLoginAt: string | null;
  };
  mustCompleteProfile: boolean;
  sessionExpiresAt: string;
  province: PlaceRef | null;
  lao: ViewerLao | null;
};

export type LaoCoordinator = {
  fullName: string | null;
  position: string | null;
  unit: string | null;
  phone: string | null;
  mobile: string | null;
  fax: string | null;
  email: string | null;
};

export type LaoProfile = {
  id: string;
  version: number;
  code: string;
  nameTh: string;
  type: LaoType;
  size: LaoSize | null;
  address: string | null;
  province: PlaceRef;
  district: PlaceRef;
  areaKm2: string | null;
  population: number | null;
  revenueExcludingSubsidies: string | null;
  revenueFromSubsidies: string | null;
  chiefExecutiveName: string | null;
  permanentSecretaryName: string | null;
  website: string | null;
  coordinator: LaoCoordinator | null;
  incompleteProfileTabs: ProfileTab[];
  profileCompletedAt: string | null;
};

export type AccountStatus = {
  activated: boolean;
  activatedAt: string | null;
  lastLoginAt: string | null;
  pendingCodeExpiresAt: string | null;
};

export type LaoRow = {
  id: string;
  code: string;
  nameTh: string;
  type: LaoType;
  province: PlaceRef;
  district: PlaceRef;
  accountStatus: AccountStatus | null;
};

export type IssuedActivationCode = {
  code: string;
  expiresAt: string;
  lao: LaoRow;
};

export type AuthPayload = { token: string; expiresAt: string; viewer: Viewer };

// Plans and projects.

export type Dimension = 'SOCIETY' | 'ADMINISTRATION' | 'PARTICIPATION' | 'OVERSIGHT';

export type WorkType = 'PROJECT' | 'ACTIVITY' | 'MEASURE' | 'GUIDELINE';

export type TargetGroup =
  | 'POLITICAL_EXECUTIVES'
  | 'LOCAL_COUNCIL_MEMBERS'
  | 'OFFICIALS'
  | 'CHILDREN_AND_YOUTH'
  | 'PUBLIC'
  | 'EDUCATIONAL_INSTITUTIONS'
  | 'YOUTH_VOLUNTEERS'
  | 'STATE_ENTERPRISES'
  | 'LOCAL_GOVERNMENT_AGENCIES';

export type ReviewStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

export type PlanStatus = 'DRAFT' | 'SUBMITTED' | 'PASSED' | 'INCOMPLETE';

export type AssessmentVerdict = 'PASSED' | 'INCOMPLETE';

export type ProjectOrder = 'RECORDED' | 'NAME' | 'DIMENSION' | 'BUDGET_DESC';

export type PageInfo = { endCursor: string | null; hasNextPage: boolean };

export type Connection<Node> = {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: Node }[];
};

export type PlanCycle = { id: string; version: number; nameTh: string; startYear: number; endYear: number };

export type LaoRef = { id: string; code: string; nameTh: string };

export type Project = {
  id: string;
  version: number;
  name: string;
  workType: WorkType;
  fiscalYears: number[];
  quarters: number[];
  primaryDimension: Dimension;
  additionalDimensions: Dimension[];
  essence: string | null;
  antiCorruptionBudget: string;
  localDevelopmentBudget: string;
  targetGroups: TargetGroup[];
  objectives: string | null;
  remarks: string | null;
  reviewStatus: ReviewStatus;
  reviewReason: string | null;
  reviewedAt: string | null;
  updatedAt: string;
  lao: LaoRef;
  viewerCan: { edit: boolean; delete: boolean; review: boolean };
};

export type Assessment = {
  id: string;
  assessedAt: string;
  assessorName: string;
  verdict: AssessmentVerdict;
  scoreSociety: string;
  scoreAdministration: string;
  scoreParticipation: string;
  scoreOversight: string;
  totalScore: string;
  comments: string | null;
};

export type Plan = {
  id: string;
  version: number;
  fiscalYear: number;
  status: PlanStatus;
  submittedAt: string | null;
  updatedAt: string;
  projectCount: number;
  cycle: { id: string; nameTh: string; startYear: number; endYear: number };
  lao: LaoRef & { province: PlaceRef; district: PlaceRef };
  viewerCan: { recordProjects: boolean; submit: boolean; assess: boolean };
};

export type PlanWithAssessments = Plan & { assessments: Assessment[] };

export type ChangeEvent = {
  id: string;
  at: string;
  action: string;
  actorName: string;
  actorRole: Role | null;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

export type ImportRowError = { rowNumber: number; column: string; message: string };

export type ImportRowPreview = {
  rowNumber: number;
  name: string;
  workType: WorkType | null;
  primaryDimension: Dimension | null;
  fiscalYears: number[];
  quarters: number[];
  antiCorruptionBudget: string;
  localDevelopmentBudget: string;
};

export type ProjectImportPreview = {
  valid: boolean;
  rowCount: number;
  errors: ImportRowError[];
  rows: ImportRowPreview[];
};

// Progress reports, rounds and implementation.

export type RoundKind = 'SIX_MONTH' | 'TWELVE_MONTH';

export type ReportStatus = 'IN_PROGRESS' | 'COMPLETED' | 'UNABLE';

export type UnableReason = 'NO_BUDGET' | 'POLICY_CHANGED' | 'INSUFFICIENT_PERSONNEL' | 'OTHER';

export type ImplementationLevel = 'HIGH' | 'MEDIUM' | 'LOW' | 'NOT_REPORTED';

export type ExtensionStatus = 'REQUESTED' | 'GRANTED' | 'REFUSED';

export type ReportingRound = {
  id: string;
  version: number;
  fiscalYear: number;
  kind: RoundKind;
  opensAt: string;
  /** Exclusive: reports are accepted strictly before it. */
  closesAt: string;
  isOpen: boolean;
  /** For an LAO: its own deadline (a granted extension moves it); null for NACC. */
  viewerDeadline: string | null;
};

export type Report = {
  id: string;
  version: number;
  fiscalYear: number;
  round: RoundKind;
  inOrdinance: boolean;
  ordinanceBudget: string;
  disbursed: string;
  status: ReportStatus;
  unableReason: UnableReason | null;
  unableReasonText: string | null;
  updatedAt: string;
};

export type ReportRevision = {
  id: string;
  version: number;
  inOrdinance: boolean;
  ordinanceBudget: string;
  disbursed: string;
  status: ReportStatus;
  unableReason: UnableReason | null;
  unableReasonText: string | null;
  submittedAt: string;
  submittedByName: string;
};

export type ReportWithRevisions = Report & { revisions: ReportRevision[] };

/** A project row of the report table, with its report in each round. */
export type ReportProject = {
  id: string;
  version: number;
  name: string;
  primaryDimension: Dimension;
  antiCorruptionBudget: string;
  reviewStatus: ReviewStatus;
  six: Report | null;
  twelve: Report | null;
};

export type LaoWithPlace = LaoRef & { district: PlaceRef; province: PlaceRef };

export type RoundExtension = {
  id: string;
  version: number;
  status: ExtensionStatus;
  until: string;
  reason: string;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
  lao: LaoWithPlace;
  round: ReportingRound;
};

export type ImplementationRow = {
  eligibleCount: number;
  reportedCount: number;
  completedCount: number;
  inProgressCount: number;
  unableCount: number;
  percentage: string | null;
  level: ImplementationLevel;
  reportingState: ReportingState;
  lao: LaoWithPlace;
};

/** Where an LAO stands in a round; the coverage counts count these (server: reportingStateSql). */
export type ReportingState = 'NO_PASSED_PLAN' | 'NOT_REPORTED' | 'PARTLY_REPORTED' | 'FULLY_REPORTED';

export type DistrictCoverage = {
  district: PlaceRef;
  laoCount: number;
  noPassedPlan: number;
  fullyReported: number;
  partlyReported: number;
  notReported: number;
};

// Summaries, statistics and printed tables.

export type ImplementationCounts = Omit<ImplementationRow, 'lao'>;

export type DimensionTotals = {
  dimension: Dimension;
  projectCount: number;
  antiCorruptionBudget: string;
  localDevelopmentBudget: string;
};

export type WorkTypeCount = { workType: WorkType; projectCount: number };

export type RoundSummary = {
  round: RoundKind;
  ordinanceBudget: string;
  disbursed: string;
  implementation: ImplementationCounts;
};

export type LaoSummary = {
  fiscalYear: number;
  projectCount: number;
  rejectedCount: number;
  dimensions: DimensionTotals[];
  workTypes: WorkTypeCount[];
  rounds: RoundSummary[];
};

export type PlanTableTotals = {
  projectCount: number;
  antiCorruptionBudget: string;
  /** Projects running in quarters 1, 2, 3 and 4. */
  quarterCounts: number[];
};

/** A project as the printed plan table shows it. */
export type PlanTableProject = Pick<
  Project,
  'id' | 'name' | 'primaryDimension' | 'antiCorruptionBudget' | 'quarters' | 'remarks' | 'reviewStatus'
>;

export type LaoTypeCount = { type: LaoType; count: number };

export type StatisticsRow = {
  province: PlaceRef;
  district: PlaceRef | null;
  laoCount: number;
  laoTypes: LaoTypeCount[];
  plansPassed: number;
  plansIncomplete: number;
  plansSubmitted: number;
  plansNotSubmitted: number;
  noPassedPlan: number;
  fullyReported: number;
  partlyReported: number;
  notReported: number;
  levelHigh: number;
  levelMedium: number;
  levelLow: number;
};
