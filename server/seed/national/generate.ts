import { Role } from '../../auth/role';
import { LaoSize, LaoType } from '../../modules/lao/lao.enums';
import { AssessmentVerdict, Dimension, dimensionsInOrder, PlanStatus } from '../../modules/plan/plan.enums';
import { ReviewStatus, TargetGroup } from '../../modules/project/project.enums';
import { ExtensionStatus, ReportStatus, RoundKind, UnableReason } from '../../modules/report/report.enums';
import { defaultRoundWindows, fiscalYearOf } from '../../modules/report/round-defaults';
import { demoAccounts } from '../demo-data';
import { array, hundredths, line, NULL, text, timestamp } from './copy-text';
import { bangkokId, type District, type Geography, type Province } from './geography';
import { type Rng, rng, uuidFrom } from './random';
import {
  assessmentComments,
  coordinatorPositions,
  coordinatorUnits,
  covidReason,
  essences,
  femaleFirstNames,
  incompleteComments,
  maleFirstNames,
  objectives,
  projectTemplates,
  rejectionReasons,
  surnames,
  unableOtherReasons,
} from './vocabulary';

/**
 * A deterministic national dataset: every LAO of Thailand with its plans, projects,
 * reviews, assessments and progress reports of fiscal years 2561–2570. Pure: the same
 * geography and options give the same rows, byte for byte. Rows are produced lazily,
 * one table at a time, LAO by LAO (each LAO draws from its own seeded streams), so the
 * two million reports are never all in memory.
 */

/** LAOs by type (DLA, 2019): 7,852 in all. */
export const nationalLaoCounts: Record<LaoType, number> = {
  [LaoType.PAO]: 76,
  [LaoType.CITY_MUNICIPALITY]: 30,
  [LaoType.TOWN_MUNICIPALITY]: 195,
  [LaoType.SUBDISTRICT_MUNICIPALITY]: 2247,
  [LaoType.SAO]: 5302,
  [LaoType.PATTAYA]: 1,
  [LaoType.BANGKOK]: 1,
};

export const nationalPasswords = {
  central: demoAccounts.naccCentral.password,
  province: demoAccounts.naccProvince.password,
  lao: 'Demo-LAO-2565',
};
export type PasswordKind = keyof typeof nationalPasswords;

export const planCycles = [
  { id: 1, nameTh: 'แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2561–2564 (ขยายถึง 2565)', startYear: 2561, endYear: 2565 },
  { id: 2, nameTh: 'แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566–2570', startYear: 2566, endYear: 2570 },
];
export const nationalFiscalYears = Array.from({ length: 10 }, (_, i) => 2561 + i);

/** "Today" of the dataset: fiscal year 2570 started on 1 October 2026. */
export const defaultAsOf = new Date('2026-11-22T10:00:00+07:00');

export type NationalOptions = {
  seed?: string | number;
  /** Share of the national LAOs of each type (at least one of each); 1 = all 7,852. */
  scale?: number;
  asOf?: Date;
  /** Hashes of `nationalPasswords`; placeholders by default (the generator never hashes). */
  passwordHashes?: Record<PasswordKind, string>;
};

export type CopyTable = {
  table: string;
  columns: string[];
  /** Lines in COPY text format, each ending in a newline. */
  rows(): Iterable<string>;
};

export type GeneratedLao = {
  id: number;
  code: string;
  nameTh: string;
  type: LaoType;
  size: LaoSize;
  provinceId: number;
  districtId: number;
  accountId: string;
  /** 0–1: how diligently it carries out and reports its plan. */
  diligence: number;
};

export type NationalDataset = {
  seed: string;
  scale: number;
  asOf: Date;
  currentFiscalYear: number;
  fiscalYears: number[];
  geography: Geography;
  laos: GeneratedLao[];
  laoCounts: Record<LaoType, number>;
  /** Tables in load order (each only references tables before it). */
  tables: CopyTable[];
  /** Reporting round ids by `${fiscalYear}:${kind}` that round_extension rows refer to; the loader sets the real ones. */
  roundIds: Map<string, number>;
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** An instant given as a Bangkok wall-clock time (UTC+7). */
const bangkok = (year: number, month: number, day: number, hour = 0, minute = 0): number =>
  Date.UTC(year, month - 1, day, hour - 7, minute);

/** Largest-remainder split of `total` by weight, each share at most `cap`. */
const apportion = (total: number, weights: number[], cap = Infinity): number[] => {
  const counts = weights.map(() => 0);
  let left = total;
  while (left > 0) {
    const open = weights.map((w, i) => (counts[i] < cap && w > 0 ? i : -1)).filter((i) => i >= 0);
    if (open.length === 0) break;
    const sum = open.reduce((s, i) => s + weights[i], 0);
    const quotas = open.map((i) => ({ i, q: (left * weights[i]) / sum }));
    let given = 0;
    for (const { i, q } of quotas) {
      const whole = Math.min(Math.floor(q), cap - counts[i]);
      counts[i] += whole;
      given += whole;
    }
    const rest = quotas
      .filter(({ i }) => counts[i] < cap)
      .sort(
        (a, b) => b.q - Math.floor(b.q) - (a.q - Math.floor(a.q)) || weights[b.i] - weights[a.i] || a.i - b.i,
      );
    for (const { i } of rest) {
      if (given >= left) break;
      counts[i] += 1;
      given += 1;
    }
    if (given === 0) break;
    left -= given;
  }
  return counts;
};

const typeDigit: Record<LaoType, number> = {
  PAO: 1,
  BANGKOK: 1,
  CITY_MUNICIPALITY: 2,
  TOWN_MUNICIPALITY: 2,
  PATTAYA: 2,
  SUBDISTRICT_MUNICIPALITY: 3,
  SAO: 5,
};

const sizeWeights: Record<LaoType, [LaoSize, number][]> = {
  PAO: [[LaoSize.LARGE, 1]],
  BANGKOK: [[LaoSize.LARGE, 1]],
  PATTAYA: [[LaoSize.LARGE, 1]],
  CITY_MUNICIPALITY: [[LaoSize.LARGE, 1]],
  TOWN_MUNICIPALITY: [
    [LaoSize.MEDIUM, 0.6],
    [LaoSize.LARGE, 0.4],
  ],
  SUBDISTRICT_MUNICIPALITY: [
    [LaoSize.SMALL, 0.2],
    [LaoSize.MEDIUM, 0.75],
    [LaoSize.LARGE, 0.05],
  ],
  SAO: [
    [LaoSize.SMALL, 0.3],
    [LaoSize.MEDIUM, 0.68],
    [LaoSize.LARGE, 0.02],
  ],
};

/** Population range by type (and, for the smaller ones, size). */
const populationRange = (type: LaoType, size: LaoSize): [number, number] => {
  switch (type) {
    case LaoType.BANGKOK:
      return [5_450_000, 5_700_000];
    case LaoType.PATTAYA:
      return [115_000, 125_000];
    case LaoType.PAO:
      return [180_000, 2_600_000];
    case LaoType.CITY_MUNICIPALITY:
      return [50_000, 280_000];
    case LaoType.TOWN_MUNICIPALITY:
      return size === LaoSize.LARGE ? [25_000, 80_000] : [10_000, 30_000];
    default:
      return size === LaoSize.LARGE
        ? [12_000, 30_000]
        : size === LaoSize.MEDIUM
          ? [4_000, 14_000]
          : [1_500, 5_000];
  }
};

const areaRange = (type: LaoType): [number, number] => {
  switch (type) {
    case LaoType.BANGKOK:
      return [1568.74, 1568.74];
    case LaoType.PATTAYA:
      return [53.44, 53.44];
    case LaoType.PAO:
      return [1500, 20000];
    case LaoType.CITY_MUNICIPALITY:
      return [10, 120];
    case LaoType.TOWN_MUNICIPALITY:
      return [5, 50];
    case LaoType.SUBDISTRICT_MUNICIPALITY:
      return [3, 60];
    default:
      return [20, 200];
  }
};

/** Projects per LAO and plan cycle: bigger LAOs keep longer plans. */
const projectRange = (type: LaoType): [number, number] =>
  type === LaoType.SAO || type === LaoType.SUBDISTRICT_MUNICIPALITY ? [15, 55] : [25, 60];

/** How much bigger budgets are than an SAO's. */
const budgetFactor: Record<LaoType, number> = {
  PAO: 4,
  BANGKOK: 12,
  PATTAYA: 4,
  CITY_MUNICIPALITY: 3,
  TOWN_MUNICIPALITY: 2,
  SUBDISTRICT_MUNICIPALITY: 1,
  SAO: 1,
};

const targetOrder = Object.values(TargetGroup);

type LaoDraft = {
  type: LaoType;
  provinceId: number;
  districtId: number;
  nameTh: string;
  /** Subdistrict named in its address. */
  tambon: string;
};

type Lao = GeneratedLao & {
  draft: LaoDraft;
  createdAt: number;
};

type Assessment = {
  verdict: AssessmentVerdict;
  scores: number[];
  comments: string | null;
  assessorId: string;
  at: number;
};

type Plan = {
  fiscalYear: number;
  cycleId: number;
  status: PlanStatus;
  createdAt: number;
  submittedAt: number | null;
  assessments: Assessment[];
  /** When it passed, if it did. */
  passedAt: number | null;
  updatedAt: number;
  version: number;
};

type Project = {
  cycleId: number;
  name: string;
  workType: string;
  years: number[];
  quarters: number[];
  primary: Dimension;
  additional: Dimension[];
  essence: string | null;
  antiCorruption: number;
  localDevelopment: number;
  targets: TargetGroup[];
  objectives: string | null;
  remarks: string | null;
  review: ReviewStatus;
  reviewReason: string | null;
  reviewerId: string | null;
  reviewedAt: number | null;
  createdAt: number;
  version: number;
};

type Participation = 'full' | 'partial' | 'none';
type RoundBehaviour = {
  participation: Participation;
  /** Share of its projects an LAO reporting partly reports. */
  partialShare: number;
  /** When it starts entering its reports. */
  startsAt: number;
  /** Whether that is after the round closed (with an extension). */
  late: boolean;
  extensionUntil: number;
};

type ReportValues = {
  inOrdinance: boolean;
  ordinanceBudget: number;
  disbursed: number;
  status: ReportStatus;
  unableReason: UnableReason | null;
  unableReasonText: string | null;
};

type Report = ReportValues & {
  projectIndex: number;
  fiscalYear: number;
  round: RoundKind;
  at: number;
  /** An earlier version the LAO corrected, if any. */
  earlier: (ReportValues & { at: number }) | null;
};

const personName = (r: Rng): string => {
  const female = r.chance(0.45);
  const title = female ? r.pick(['นาง', 'นางสาว']) : 'นาย';
  return `${title}${r.pick(female ? femaleFirstNames : maleFirstNames)} ${r.pick(surnames)}`;
};

const digits = (r: Rng, n: number): string => {
  let out = '';
  for (let i = 0; i < n; i += 1) out += String(r.int(0, 9));
  return out;
};

const roundWindows = new Map<string, { opensAt: number; closesAt: number }>();
const windowOf = (fiscalYear: number, kind: RoundKind) => {
  const key = `${fiscalYear}:${kind}`;
  let window = roundWindows.get(key);
  if (!window) {
    const found = defaultRoundWindows(fiscalYear).find((w) => w.kind === kind);
    if (!found) throw new Error(`no default window for ${key}`);
    window = { opensAt: found.opensAt.getTime(), closesAt: found.closesAt.getTime() };
    roundWindows.set(key, window);
  }
  return window;
};

/** During office hours, Bangkok time, on the day of `instant`, at a random minute. */
const officeTime = (r: Rng, instant: number): number => {
  const local = new Date(instant + 7 * HOUR);
  const hour = r.weighted([
    [9, 2],
    [10, 3],
    [11, 3],
    [13, 3],
    [14, 3],
    [15, 3],
    [16, 2],
    [19, 1],
    [21, 0.5],
  ]);
  return bangkok(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), hour, r.int(0, 59));
};

export const generateNational = (geography: Geography, options: NationalOptions = {}): NationalDataset => {
  const seed = String(options.seed ?? 2570);
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new Error(`scale must be in (0, 1], got ${scale}`);
  const asOf = options.asOf ?? defaultAsOf;
  const now = asOf.getTime();
  const currentFiscalYear = fiscalYearOf(asOf);
  const hashes = options.passwordHashes ?? {
    central: '<hash:central>',
    province: '<hash:province>',
    lao: '<hash:lao>',
  };
  // Ids of the reporting rounds by "year:kind": the order ensureDefaultRounds creates them in, unless
  // the loader puts in the target database's (read when round_extension rows are produced).
  const roundIds = new Map<string, number>();
  nationalFiscalYears.forEach((year, i) => {
    roundIds.set(`${year}:${RoundKind.SIX_MONTH}`, 2 * i + 1);
    roundIds.set(`${year}:${RoundKind.TWELVE_MONTH}`, 2 * i + 2);
  });

  const provinceById = new Map(geography.provinces.map((p) => [p.id, p]));
  const districtById = new Map(geography.districts.map((d) => [d.id, d]));
  const districtsOf = new Map<number, District[]>();
  for (const d of geography.districts) {
    const list = districtsOf.get(d.provinceId) ?? [];
    list.push(d);
    districtsOf.set(d.provinceId, list);
  }

  // ---------------------------------------------------------------- LAOs
  const laoCounts = Object.fromEntries(
    Object.entries(nationalLaoCounts).map(([type, n]) => [
      type,
      type === LaoType.BANGKOK || type === LaoType.PATTAYA || scale >= 1
        ? n
        : Math.max(1, Math.round(n * scale)),
    ]),
  ) as Record<LaoType, number>;

  const provinces = geography.provinces.filter((p) => p.id !== bangkokId);
  const tambonsOf = (p: Province) =>
    (districtsOf.get(p.id) ?? []).flatMap((d) => d.subdistricts.map((name) => ({ districtId: d.id, name })));
  const tambonWeights = provinces.map((p) => tambonsOf(p).length);
  const pick = rng(seed, 'provinces');
  const paoProvinces = new Set(
    pick
      .shuffle(provinces)
      .slice(0, laoCounts.PAO)
      .map((p) => p.id),
  );
  const cities = apportion(laoCounts.CITY_MUNICIPALITY, tambonWeights, 3);
  const towns = apportion(laoCounts.TOWN_MUNICIPALITY, tambonWeights, 12);
  const subdistrictMunicipalities = apportion(laoCounts.SUBDISTRICT_MUNICIPALITY, tambonWeights);
  const saos = apportion(laoCounts.SAO, tambonWeights);

  const drafts: LaoDraft[] = [];
  const bangkokProvince = provinceById.get(bangkokId);
  if (bangkokProvince) {
    drafts.push({
      type: LaoType.BANGKOK,
      provinceId: bangkokId,
      districtId: bangkokId * 100 + 1,
      nameTh: 'กรุงเทพมหานคร',
      tambon: 'พระบรมมหาราชวัง',
    });
  }
  provinces.forEach((province, index) => {
    const r = rng(seed, 'province', province.id);
    const tambons = r.shuffle(tambonsOf(province));
    const mueang = districtById.get(province.id * 100 + 1) ?? (districtsOf.get(province.id) ?? [])[0];
    const used = new Set<string>();
    const add = (type: LaoType, districtId: number, nameTh: string, tambon: string) => {
      used.add(nameTh);
      drafts.push({ type, provinceId: province.id, districtId, nameTh, tambon });
    };
    const mueangTambon = mueang.subdistricts[0];
    if (paoProvinces.has(province.id)) {
      add(LaoType.PAO, mueang.id, `องค์การบริหารส่วนจังหวัด${province.nameTh}`, mueangTambon);
    }
    let cursor = tambons.length - 1; // municipalities named after subdistricts take them from the end
    const nextTambon = () => tambons[(cursor-- + tambons.length) % tambons.length];
    for (let i = 0; i < cities[index]; i += 1) {
      if (i === 0) add(LaoType.CITY_MUNICIPALITY, mueang.id, `เทศบาลนคร${province.nameTh}`, mueangTambon);
      else {
        const t = nextTambon();
        add(LaoType.CITY_MUNICIPALITY, t.districtId, `เทศบาลนคร${t.name}`, t.name);
      }
    }
    for (let i = 0; i < towns[index]; i += 1) {
      if (i === 0 && cities[index] === 0) {
        add(LaoType.TOWN_MUNICIPALITY, mueang.id, `เทศบาลเมือง${province.nameTh}`, mueangTambon);
      } else {
        let t = nextTambon();
        for (let tries = 0; used.has(`เทศบาลเมือง${t.name}`) && tries < tambons.length; tries += 1)
          t = nextTambon();
        add(LaoType.TOWN_MUNICIPALITY, t.districtId, `เทศบาลเมือง${t.name}`, t.name);
      }
    }
    // One SAO per subdistrict first; subdistrict municipalities take the rest, then share.
    for (let i = 0; i < saos[index]; i += 1) {
      const t = tambons[i % tambons.length];
      add(LaoType.SAO, t.districtId, `องค์การบริหารส่วนตำบล${t.name}`, t.name);
    }
    for (let i = 0; i < subdistrictMunicipalities[index]; i += 1) {
      const t = tambons[(saos[index] + i) % tambons.length];
      add(LaoType.SUBDISTRICT_MUNICIPALITY, t.districtId, `เทศบาลตำบล${t.name}`, t.name);
    }
    if (province.id === 20) add(LaoType.PATTAYA, 2004, 'เมืองพัทยา', 'หนองปรือ');
  });

  // Codes: type digit, province, district, and a running number within the district (PAOs and
  // Bangkok: district 00), as in the demo data.
  const sequence = new Map<string, number>();
  const codeOf = (draft: LaoDraft): string => {
    const digit = typeDigit[draft.type];
    const district =
      draft.type === LaoType.PAO || draft.type === LaoType.BANGKOK ? 0 : draft.districtId % 100;
    const key = `${digit}${draft.provinceId}${district}`;
    const n = (sequence.get(key) ?? 0) + 1;
    if (n > 99) throw new Error(`more than 99 LAOs of digit ${digit} in district ${draft.districtId}`);
    sequence.set(key, n);
    return `${digit}${draft.provinceId}${String(district).padStart(2, '0')}${String(n).padStart(2, '0')}`;
  };
  const laos: Lao[] = drafts
    .map((draft) => ({ draft, code: codeOf(draft) }))
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map(({ draft, code }, index) => {
      const r = rng(seed, 'lao', code);
      return {
        id: index + 1,
        code,
        nameTh: draft.nameTh,
        type: draft.type,
        size: r.weighted(sizeWeights[draft.type]),
        provinceId: draft.provinceId,
        districtId: draft.districtId,
        accountId: uuidFrom(seed, 'account', code),
        diligence: 1 - r.next() * r.next(),
        draft,
        createdAt: bangkok(2017, 3, 1, 9) + r.int(0, 59) * DAY + r.int(0, 7 * 60) * MINUTE,
      };
    });

  // ------------------------------------------------------------- accounts
  const centralAccounts = [
    { username: demoAccounts.naccCentral.username, displayName: demoAccounts.naccCentral.displayName },
    ...[1, 2, 3, 4, 5].map((n) => ({
      username: `nacc.analyst${n}`,
      displayName: `นักวิเคราะห์ สำนักพัฒนาและส่งเสริมธรรมาภิบาล ${n} (ทดสอบ)`,
    })),
  ].map((a) => ({ ...a, id: uuidFrom(seed, 'account', a.username) }));
  const reviewerIds = centralAccounts.map((a) => a.id);
  const naccCreated = bangkok(2017, 1, 16, 9);

  // ---------------------------------------------------------------- plans
  const plansOf = (lao: Lao): Plan[] => {
    const r = rng(seed, 'plans', lao.code);
    return nationalFiscalYears.map((fiscalYear) => {
      const cycleId = planCycles.find((c) => fiscalYear >= c.startYear && fiscalYear <= c.endYear)?.id ?? 1;
      const ce = fiscalYear - 544; // the calendar year the fiscal year starts in (1 October)
      const status: PlanStatus =
        fiscalYear < currentFiscalYear
          ? r.weighted([
              [PlanStatus.PASSED, 0.985],
              [PlanStatus.INCOMPLETE, 0.011],
              [PlanStatus.DRAFT, 0.004],
            ])
          : fiscalYear === currentFiscalYear
            ? r.weighted([
                [PlanStatus.DRAFT, 0.33],
                [PlanStatus.SUBMITTED, 0.37],
                [PlanStatus.PASSED, 0.26],
                [PlanStatus.INCOMPLETE, 0.04],
              ])
            : PlanStatus.DRAFT;
      const createdAt = Math.min(
        now - 5 * DAY,
        bangkok(ce, 6, 1, 9) + r.int(0, 75) * DAY + r.int(0, 420) * MINUTE,
      );
      const submittedAt =
        status === PlanStatus.DRAFT ? null : Math.min(createdAt + r.int(20, 90) * DAY, now - 4 * DAY);
      const assessments: Assessment[] = [];
      const assess = (verdict: AssessmentVerdict, after: number) => {
        const at = Math.min(after + r.int(5, 45) * DAY + r.int(0, 420) * MINUTE, now - DAY);
        const passed = verdict === AssessmentVerdict.PASSED;
        assessments.push({
          verdict,
          scores: [0, 1, 2, 3].map(() => 25 * (passed ? r.int(60, 100) : r.int(16, 72))),
          comments: passed ? r.pick(assessmentComments) : r.pick(incompleteComments),
          assessorId: r.pick(reviewerIds),
          at,
        });
        return at;
      };
      let passedAt: number | null = null;
      if (submittedAt !== null && status === PlanStatus.PASSED) {
        // A few plans were first found incomplete and passed after revision.
        const first = r.chance(0.03) ? assess(AssessmentVerdict.INCOMPLETE, submittedAt) : submittedAt;
        passedAt = assess(AssessmentVerdict.PASSED, first);
      } else if (submittedAt !== null && status === PlanStatus.INCOMPLETE) {
        assess(AssessmentVerdict.INCOMPLETE, submittedAt);
      }
      const last = assessments.length ? assessments[assessments.length - 1].at : (submittedAt ?? createdAt);
      return {
        fiscalYear,
        cycleId,
        status,
        createdAt,
        submittedAt,
        assessments,
        passedAt,
        updatedAt: last,
        // Each submission, assessment and resubmission bumped the row version once.
        version: 1 + (submittedAt === null ? 0 : 1) + assessments.length + (assessments.length > 1 ? 1 : 0),
      };
    });
  };

  // ------------------------------------------------------------- projects
  const generateProjects = (lao: Lao): Project[] => {
    const r = rng(seed, 'projects', lao.code);
    const projects: Project[] = [];
    const [lo, hi] = projectRange(lao.type);
    const factor = budgetFactor[lao.type];
    for (const cycle of planCycles) {
      const count = lo + Math.round(((r.next() + r.next()) / 2) * (hi - lo));
      const named = new Map<string, number>();
      for (let i = 0; i < count; i += 1) {
        const template = r.pick(projectTemplates);
        const span = Math.min(
          cycle.endYear - cycle.startYear + 1,
          r.weighted([
            [1, 0.4],
            [2, 0.2],
            [3, 0.15],
            [4, 0.05],
            [5, 0.2],
          ]),
        );
        const first = r.int(cycle.startYear, cycle.endYear - span + 1);
        const years = Array.from({ length: span }, (_, k) => first + k);
        const seen = named.get(template.name) ?? 0;
        named.set(template.name, seen + 1);
        const name = seen === 0 ? template.name : `${template.name} (กิจกรรมที่ ${seen + 1})`;
        const quarterShape = r.weighted([
          ['all', 0.35],
          ['one', 0.4],
          ['two', 0.15],
          ['three', 0.1],
        ] as const);
        const q = r.int(1, 4);
        const quarters =
          quarterShape === 'all'
            ? [1, 2, 3, 4]
            : quarterShape === 'one'
              ? [q]
              : quarterShape === 'two'
                ? [Math.min(q, 3), Math.min(q, 3) + 1]
                : [Math.min(q, 2), Math.min(q, 2) + 1, Math.min(q, 2) + 2];
        const others = dimensionsInOrder.filter((d) => d !== template.dimension);
        const extra = r.weighted([
          [0, 0.65],
          [1, 0.28],
          [2, 0.07],
        ]);
        const additional = r
          .shuffle(others)
          .slice(0, extra)
          .sort((a, b) => dimensionsInOrder.indexOf(a) - dimensionsInOrder.indexOf(b));
        const targets = new Set(template.targets);
        if (r.chance(0.2)) targets.add(TargetGroup.PUBLIC);
        let antiCorruption = 0;
        if (template.budget[1] > 0 && !r.chance(template.zeroShare)) {
          const baht = r.int(template.budget[0], template.budget[1]) * factor;
          antiCorruption = Math.max(1000, Math.round(baht / 500) * 500) * 100;
          if (r.chance(0.04)) antiCorruption += r.int(1, 99);
        }
        const localDevelopment =
          antiCorruption === 0
            ? r.chance(0.7)
              ? 0
              : Math.round(r.int(5000, 50000) / 100) * 10000 * factor
            : r.chance(0.65)
              ? antiCorruption
              : Math.round((antiCorruption * (1 + r.next() * 1.5)) / 10000) * 10000;
        const ce = first - 544;
        const createdAt = Math.min(
          now - 2 * DAY,
          bangkok(ce, 6, 1, 9) + r.int(0, 100) * DAY + r.int(0, 7 * 60) * MINUTE,
        );
        const isNew = first >= currentFiscalYear;
        const review = isNew
          ? r.weighted([
              [ReviewStatus.PENDING, 0.45],
              [ReviewStatus.APPROVED, 0.52],
              [ReviewStatus.REJECTED, 0.03],
            ])
          : r.chance(0.04)
            ? ReviewStatus.REJECTED
            : ReviewStatus.APPROVED;
        const reviewedAt =
          review === ReviewStatus.PENDING
            ? null
            : Math.min(createdAt + r.int(10, 120) * DAY + r.int(0, 420) * MINUTE, now - DAY);
        projects.push({
          cycleId: cycle.id,
          name,
          workType: template.workType,
          years,
          quarters,
          primary: template.dimension,
          additional,
          essence: r.chance(0.6) ? r.pick(essences) : null,
          antiCorruption,
          localDevelopment,
          targets: targetOrder.filter((t) => targets.has(t)),
          objectives: r.chance(0.5) ? r.pick(objectives) : null,
          remarks: r.chance(0.1) ? 'ดำเนินการต่อเนื่องทุกปี' : null,
          review,
          reviewReason: review === ReviewStatus.REJECTED ? r.pick(rejectionReasons) : null,
          reviewerId: review === ReviewStatus.PENDING ? null : r.pick(reviewerIds),
          reviewedAt,
          createdAt,
          version: review === ReviewStatus.PENDING ? 1 : 2,
        });
      }
    }
    return projects;
  };

  // ------------------------------------------------------------ reporting
  /** How an LAO went about each round: independent of its projects, so extensions need no reports. */
  const behaviourOf = (lao: Lao): Map<string, RoundBehaviour> => {
    const r = rng(seed, 'behaviour', lao.code);
    const out = new Map<string, RoundBehaviour>();
    for (const fiscalYear of nationalFiscalYears) {
      for (const kind of [RoundKind.SIX_MONTH, RoundKind.TWELVE_MONTH]) {
        const { opensAt, closesAt } = windowOf(fiscalYear, kind);
        const six = kind === RoundKind.SIX_MONTH;
        const slack = 1 - lao.diligence;
        let participation = r.weighted<Participation>([
          ['full', six ? 0.8 : 0.86],
          ['partial', six ? 0.1 : 0.08],
          ['none', (six ? 0.1 : 0.06) * (0.5 + slack)],
        ]);
        const partialShare = 0.3 + r.next() * 0.6;
        // Most reports arrive in the last days before the deadline; a few after it, on an extension.
        // Late only where the round closed at least two days before "now", and never reported in the future.
        const daysSinceClose = Math.floor((now - closesAt) / DAY);
        const late = r.chance(0.02 + 0.04 * slack) && fiscalYear < currentFiscalYear && daysSinceClose >= 2;
        const daysBefore = Math.min(
          Math.floor(-Math.log(1 - r.next()) * 6),
          Math.floor((closesAt - opensAt) / DAY) - 1,
        );
        const lateDays = Math.min(r.int(1, 21), Math.max(1, daysSinceClose - 1));
        let startsAt = late ? closesAt + (lateDays - 1) * DAY : closesAt - (daysBefore + 1) * DAY;
        startsAt = officeTime(r, startsAt);
        const extensionUntil = closesAt + (lateDays + r.int(4, 9)) * DAY;
        if (fiscalYear === currentFiscalYear) {
          // The open round: a few LAOs have started early; none is late yet.
          participation = six && r.chance(0.12) ? 'partial' : 'none';
          startsAt = officeTime(
            r,
            opensAt + r.int(0, Math.max(0, Math.floor((now - opensAt) / DAY) - 1)) * DAY,
          );
        } else if (fiscalYear > currentFiscalYear) {
          participation = 'none';
        }
        out.set(`${fiscalYear}:${kind}`, {
          participation,
          partialShare,
          startsAt,
          late,
          extensionUntil,
        });
      }
    }
    return out;
  };

  /**
   * Fiscal years (bit = year − 2561) in which an LAO has a project it can report on: remembered
   * whenever its projects are generated, so the round_extension table needs no second pass over them.
   */
  const reportableYears = new Map<number, number>();
  const projectsOf = (lao: Lao): Project[] => {
    const projects = generateProjects(lao);
    if (!reportableYears.has(lao.id)) {
      let mask = 0;
      for (const p of projects) {
        if (p.review === ReviewStatus.REJECTED) continue;
        for (const year of p.years) mask |= 1 << (year - nationalFiscalYears[0]);
      }
      reportableYears.set(lao.id, mask);
    }
    return projects;
  };
  const hasReportable = (lao: Lao, fiscalYear: number): boolean => {
    if (!reportableYears.has(lao.id)) projectsOf(lao);
    return ((reportableYears.get(lao.id) as number) & (1 << (fiscalYear - nationalFiscalYears[0]))) !== 0;
  };

  const reportableIn = (projects: Project[], fiscalYear: number): number[] => {
    const out: number[] = [];
    projects.forEach((p, i) => {
      if (p.review !== ReviewStatus.REJECTED && p.years.includes(fiscalYear)) out.push(i);
    });
    return out;
  };

  const unable = (r: Rng, fiscalYear: number): Pick<ReportValues, 'unableReason' | 'unableReasonText'> => {
    const reason = r.weighted([
      [UnableReason.NO_BUDGET, 0.45],
      [UnableReason.POLICY_CHANGED, 0.15],
      [UnableReason.INSUFFICIENT_PERSONNEL, 0.2],
      [UnableReason.OTHER, 0.2],
    ]);
    const covid = (fiscalYear === 2563 || fiscalYear === 2564) && r.chance(0.6);
    return {
      unableReason: reason,
      unableReasonText:
        reason === UnableReason.OTHER ? (covid ? covidReason : r.pick(unableOtherReasons)) : null,
    };
  };

  const reportsOf = (
    lao: Lao,
    plans: Plan[],
    projects: Project[],
    behaviour: Map<string, RoundBehaviour>,
  ) => {
    const r = rng(seed, 'reports', lao.code);
    const reports: Report[] = [];
    const sixDone = 0.1 + 0.6 * lao.diligence;
    const twelveDone = 0.55 + 0.43 * lao.diligence;
    for (const plan of plans) {
      if (plan.status !== PlanStatus.PASSED || plan.passedAt === null) continue;
      const { fiscalYear } = plan;
      const eligible = reportableIn(projects, fiscalYear);
      if (eligible.length === 0) continue;
      const rounds = [RoundKind.SIX_MONTH, RoundKind.TWELVE_MONTH].map((kind) => {
        const b = behaviour.get(`${fiscalYear}:${kind}`) as RoundBehaviour;
        // Partial reporters report a random share, at least one project.
        const chosen = new Set(
          b.participation === 'full'
            ? eligible
            : b.participation === 'partial'
              ? r.shuffle(eligible).slice(0, Math.max(1, Math.round(eligible.length * b.partialShare)))
              : [],
        );
        const passedAt = plan.passedAt as number;
        let at = Math.max(b.startsAt, passedAt + DAY);
        // Every report lands before its deadline (the round's close, the extension, or "now").
        let deadline = Math.min(b.late ? b.extensionUntil : windowOf(fiscalYear, kind).closesAt, now - HOUR);
        if (fiscalYear === currentFiscalYear) {
          deadline = now - HOUR;
          at = Math.max(passedAt + HOUR, Math.min(at, now - 12 * HOUR));
        }
        return { kind, chosen, at, deadline };
      });
      const [six, twelve] = rounds;
      const correctable = fiscalYear < currentFiscalYear;
      for (const index of eligible) {
        const project = projects[index];
        // Both rounds' outcomes are drawn whether reported or not, so sampling never shifts them.
        const roll = r.next();
        const sixStatus =
          roll < sixDone
            ? ReportStatus.COMPLETED
            : roll < sixDone + 0.03
              ? ReportStatus.UNABLE
              : ReportStatus.IN_PROGRESS;
        let twelveStatus = ReportStatus.COMPLETED;
        if (sixStatus === ReportStatus.UNABLE && r.chance(0.7)) twelveStatus = ReportStatus.UNABLE;
        else if (sixStatus !== ReportStatus.COMPLETED) {
          const roll12 = r.next();
          twelveStatus =
            roll12 < twelveDone
              ? ReportStatus.COMPLETED
              : roll12 < twelveDone + 0.06
                ? ReportStatus.UNABLE
                : ReportStatus.IN_PROGRESS;
        }
        const inOrdinance = r.next() < (project.localDevelopment > 0 ? 0.9 : 0.1);
        const annual = Math.round(project.localDevelopment / project.years.length / 10000) * 10000;
        const ordinanceBudget = inOrdinance
          ? Math.round((annual * (0.8 + r.next() * 0.3)) / 10000) * 10000
          : 0;
        const sixCompleted = sixStatus === ReportStatus.COMPLETED;
        const sixDisbursed =
          sixStatus === ReportStatus.UNABLE
            ? 0
            : Math.round(ordinanceBudget * (sixCompleted ? 0.7 + r.next() * 0.3 : r.next() * 0.5));
        const twelveDisbursed =
          twelveStatus === ReportStatus.UNABLE
            ? 0
            : Math.max(
                sixDisbursed,
                Math.round(
                  ordinanceBudget *
                    (twelveStatus === ReportStatus.COMPLETED ? 0.7 + r.next() * 0.3 : 0.3 + r.next() * 0.5),
                ),
              );
        const sixReason = sixStatus === ReportStatus.UNABLE ? unable(r, fiscalYear) : null;
        const twelveReason = twelveStatus === ReportStatus.UNABLE ? unable(r, fiscalYear) : null;
        const corrected = correctable && r.chance(0.02);
        const pause = r.int(1, 4) * MINUTE + r.int(0, 59) * 1000;
        for (let k = 0; k < 2; k += 1) {
          const round = k === 0 ? six : twelve;
          if (!round.chosen.has(index)) continue;
          round.at = Math.min(round.at + pause, round.deadline - MINUTE);
          const at = round.at;
          const status = k === 0 ? sixStatus : twelveStatus;
          const disbursed = k === 0 ? sixDisbursed : twelveDisbursed;
          const reason = k === 0 ? sixReason : twelveReason;
          const report: Report = {
            inOrdinance,
            ordinanceBudget,
            disbursed,
            status,
            unableReason: reason === null ? null : reason.unableReason,
            unableReasonText: reason === null ? null : reason.unableReasonText,
            projectIndex: index,
            fiscalYear,
            round: round.kind,
            at,
            earlier: null,
          };
          if (corrected) {
            // Entered first as in progress, corrected a few days later (still within the deadline).
            report.at = Math.max(at + 1000, Math.min(at + r.int(1, 3) * DAY, round.deadline - MINUTE / 2));
            report.earlier = {
              inOrdinance,
              ordinanceBudget,
              disbursed: Math.floor(disbursed / 2),
              status: ReportStatus.IN_PROGRESS,
              unableReason: null,
              unableReasonText: null,
              at,
            };
          }
          reports.push(report);
        }
      }
    }
    return reports;
  };

  // ---------------------------------------------------------------- tables
  const tables: CopyTable[] = [];
  const table = (name: string, columns: string[], rows: () => Iterable<string>) =>
    tables.push({ table: name, columns, rows });

  table('province', ['id', 'name_th', 'name_en'], function* () {
    for (const p of geography.provinces) yield line([String(p.id), text(p.nameTh), text(p.nameEn)]);
  });
  table('district', ['id', 'province_id', 'name_th', 'name_en'], function* () {
    for (const d of geography.districts) {
      yield line([String(d.id), String(d.provinceId), text(d.nameTh), text(d.nameEn)]);
    }
  });
  table(
    'lao',
    [
      'id',
      'code',
      'name_th',
      'type',
      'size',
      'province_id',
      'district_id',
      'address',
      'area_km2',
      'population',
      'revenue_excluding_subsidies',
      'revenue_from_subsidies',
      'chief_executive_name',
      'permanent_secretary_name',
      'coordinator_full_name',
      'coordinator_position',
      'coordinator_unit',
      'coordinator_phone',
      'coordinator_mobile',
      'coordinator_fax',
      'coordinator_email',
      'website',
      'profile_completed_at',
      'version',
      'created_at',
      'updated_at',
    ],
    function* () {
      for (const lao of laos) {
        const r = rng(seed, 'profile', lao.code);
        const province = provinceById.get(lao.provinceId) as Province;
        const district = districtById.get(lao.districtId) as District;
        const [popLo, popHi] = populationRange(lao.type, lao.size);
        const population = r.int(popLo, popHi);
        const [areaLo, areaHi] = areaRange(lao.type);
        const area = Math.round((areaLo + r.next() * (areaHi - areaLo)) * 100);
        const own = population * r.int(150, 700) * 100 + r.int(0, 99);
        const subsidies = population * r.int(1500, 4200) * 100 + r.int(0, 99);
        const inBangkok = lao.provinceId === bangkokId;
        const address = `เลขที่ ${r.int(1, 299)}${r.chance(0.5) ? ` หมู่ ${r.int(1, 15)}` : ''} ${inBangkok ? 'แขวง' : 'ตำบล'}${lao.draft.tambon} ${inBangkok ? '' : 'อำเภอ'}${district.nameTh} ${inBangkok ? '' : 'จังหวัด'}${province.nameTh}`;
        const phone = `0${r.int(32, 77)}-${digits(r, 6)}`;
        const profileAt = lao.createdAt + r.int(1, 30) * DAY;
        yield line([
          String(lao.id),
          lao.code,
          text(lao.nameTh),
          lao.type,
          lao.size,
          String(lao.provinceId),
          String(lao.districtId),
          text(address),
          hundredths(area),
          String(population),
          hundredths(own),
          hundredths(subsidies),
          text(personName(r)),
          text(personName(r)),
          text(personName(r)),
          text(r.pick(coordinatorPositions)),
          text(r.pick(coordinatorUnits)),
          phone,
          `08${r.int(0, 9)}-${digits(r, 3)}-${digits(r, 4)}`,
          r.chance(0.5) ? phone : text(null),
          `lao${lao.code}@example.go.th`,
          r.chance(0.6) ? `https://lao${lao.code}.example.go.th` : text(null),
          timestamp(profileAt),
          '2',
          timestamp(lao.createdAt),
          timestamp(profileAt),
        ]);
      }
    },
  );
  table(
    'account',
    [
      'id',
      'username',
      'role',
      'administrator',
      'display_name',
      'lao_id',
      'province_id',
      'email',
      'password_hash',
      'activated_at',
      'password_changed_at',
      'created_at',
      'updated_at',
    ],
    function* () {
      const at = timestamp(naccCreated);
      for (const a of centralAccounts) {
        yield line([
          a.id,
          a.username,
          Role.NACC_CENTRAL,
          // The first central account (nacc.admin) administers staff accounts; the analysts do not.
          a === centralAccounts[0] ? 't' : 'f',
          text(a.displayName),
          text(null),
          text(null),
          `${a.username}@example.go.th`,
          hashes.central,
          at,
          at,
          at,
          at,
        ]);
      }
      for (const p of geography.provinces) {
        const username = `nacc.${p.id}`;
        const name =
          p.id === bangkokId
            ? 'สำนักงาน ป.ป.ช. (กรุงเทพมหานคร) (ทดสอบ)'
            : `สำนักงาน ป.ป.ช. ประจำจังหวัด${p.nameTh} (ทดสอบ)`;
        yield line([
          uuidFrom(seed, 'account', username),
          username,
          Role.NACC_PROVINCE,
          'f',
          text(name),
          text(null),
          String(p.id),
          `${username}@example.go.th`,
          hashes.province,
          at,
          at,
          at,
          at,
        ]);
      }
      for (const lao of laos) {
        const activated = timestamp(lao.createdAt + DAY);
        yield line([
          lao.accountId,
          lao.code,
          Role.LAO,
          'f',
          text(lao.nameTh),
          String(lao.id),
          text(null),
          `lao${lao.code}@example.go.th`,
          hashes.lao,
          activated,
          activated,
          timestamp(lao.createdAt),
          activated,
        ]);
      }
    },
  );
  table(
    'plan_cycle',
    ['id', 'name_th', 'start_year', 'end_year', 'version', 'created_at', 'updated_at'],
    function* () {
      const at = timestamp(bangkok(2017, 1, 16, 9));
      for (const c of planCycles)
        yield line([String(c.id), text(c.nameTh), String(c.startYear), String(c.endYear), '1', at, at]);
    },
  );
  table(
    'plan',
    [
      'id',
      'lao_id',
      'fiscal_year',
      'cycle_id',
      'status',
      'submitted_at',
      'version',
      'created_at',
      'updated_at',
    ],
    function* () {
      let id = 0;
      for (const lao of laos) {
        for (const p of plansOf(lao)) {
          id += 1;
          yield line([
            String(id),
            String(lao.id),
            String(p.fiscalYear),
            String(p.cycleId),
            p.status,
            timestamp(p.submittedAt),
            String(p.version),
            timestamp(p.createdAt),
            timestamp(p.updatedAt),
          ]);
        }
      }
    },
  );
  table(
    'assessment',
    [
      'id',
      'plan_id',
      'verdict',
      'score_society',
      'score_administration',
      'score_participation',
      'score_oversight',
      'total_score',
      'comments',
      'assessor_account_id',
      'assessed_at',
      'level',
    ],
    function* () {
      let planId = 0;
      let id = 0;
      for (const lao of laos) {
        for (const p of plansOf(lao)) {
          planId += 1;
          for (const a of p.assessments) {
            id += 1;
            const total = a.scores.reduce((s, v) => s + v, 0);
            yield line([
              String(id),
              String(planId),
              a.verdict,
              ...a.scores.map(hundredths),
              hundredths(total),
              text(a.comments),
              a.assessorId,
              timestamp(a.at),
              // Every assessor of the national data is a central account (legacy M).
              'CENTRAL',
            ]);
          }
        }
      }
    },
  );
  table(
    'project',
    [
      'id',
      'lao_id',
      'cycle_id',
      'name',
      'work_type',
      'fiscal_years',
      'quarters',
      'primary_dimension',
      'additional_dimensions',
      'essence',
      'anti_corruption_budget',
      'local_development_budget',
      'uses_budget',
      'target_groups',
      'objectives',
      'remarks',
      'review_status',
      'review_reason',
      'reviewed_by_account_id',
      'reviewed_at',
      'version',
      'created_at',
      'updated_at',
    ],
    function* () {
      let id = 0;
      for (const lao of laos) {
        for (const p of projectsOf(lao)) {
          id += 1;
          yield line([
            String(id),
            String(lao.id),
            String(p.cycleId),
            text(p.name),
            p.workType,
            array(p.years),
            array(p.quarters),
            p.primary,
            array(p.additional),
            text(p.essence),
            hundredths(p.antiCorruption),
            hundredths(p.localDevelopment),
            // A project with no budget at all is "ไม่ใช้งบประมาณ" (as the migration decided for old rows).
            p.antiCorruption > 0 || p.localDevelopment > 0 ? 't' : 'f',
            array(p.targets),
            text(p.objectives),
            text(p.remarks),
            p.review,
            text(p.reviewReason),
            p.reviewerId ?? text(null),
            timestamp(p.reviewedAt),
            String(p.version),
            timestamp(p.createdAt),
            timestamp(p.reviewedAt ?? p.createdAt),
          ]);
        }
      }
    },
  );

  /** Every report with its id and its project's id, LAO by LAO. */
  function* allReports(): Generator<{ lao: Lao; report: Report; id: number; projectId: number }> {
    let projectBase = 0;
    let id = 0;
    for (const lao of laos) {
      const projects = projectsOf(lao);
      for (const report of reportsOf(lao, plansOf(lao), projects, behaviourOf(lao))) {
        id += 1;
        yield { lao, report, id, projectId: projectBase + report.projectIndex + 1 };
      }
      projectBase += projects.length;
    }
  }
  /** The value columns a report and its revisions share, tab-separated (hot path: no arrays). */
  const values = (v: ReportValues) =>
    `${v.inOrdinance ? 't' : 'f'}\t${hundredths(v.ordinanceBudget)}\t${hundredths(v.disbursed)}\t${v.status}\t${v.unableReason ?? NULL}\t${text(v.unableReasonText)}`;
  table(
    'report',
    [
      'id',
      'project_id',
      'lao_id',
      'fiscal_year',
      'round',
      'in_ordinance',
      'ordinance_budget',
      'disbursed',
      'status',
      'unable_reason',
      'unable_reason_text',
      'version',
      'updated_at',
    ],
    function* () {
      for (const { lao, report, id, projectId } of allReports()) {
        yield `${id}\t${projectId}\t${lao.id}\t${report.fiscalYear}\t${report.round}\t${values(report)}\t${report.earlier ? 2 : 1}\t${timestamp(report.at)}\n`;
      }
    },
  );
  table(
    'report_revision',
    [
      'id',
      'report_id',
      'version',
      'in_ordinance',
      'ordinance_budget',
      'disbursed',
      'status',
      'unable_reason',
      'unable_reason_text',
      'submitted_by_name',
      'submitted_by_account_id',
      'submitted_at',
    ],
    function* () {
      let id = 0;
      let byLao: Lao | null = null;
      let by = '';
      for (const { lao, report, id: reportId } of allReports()) {
        if (lao !== byLao) {
          byLao = lao;
          by = `${text(lao.nameTh)}\t${lao.accountId}`;
        }
        if (report.earlier) {
          id += 1;
          yield `${id}\t${reportId}\t1\t${values(report.earlier)}\t${by}\t${timestamp(report.earlier.at)}\n`;
        }
        id += 1;
        yield `${id}\t${reportId}\t${report.earlier ? 2 : 1}\t${values(report)}\t${by}\t${timestamp(report.at)}\n`;
      }
    },
  );
  table(
    'round_extension',
    [
      'id',
      'round_id',
      'lao_id',
      'status',
      'until',
      'reason',
      'decision_note',
      'requested_by_account_id',
      'decided_by_account_id',
      'created_at',
      'decided_at',
      'version',
    ],
    function* () {
      let id = 0;
      for (const lao of laos) {
        const plans = plansOf(lao);
        const behaviour = behaviourOf(lao);
        const r = rng(seed, 'extensions', lao.code);
        for (const plan of plans) {
          if (plan.status !== PlanStatus.PASSED || !hasReportable(lao, plan.fiscalYear)) continue;
          for (const kind of [RoundKind.SIX_MONTH, RoundKind.TWELVE_MONTH]) {
            const b = behaviour.get(`${plan.fiscalYear}:${kind}`) as RoundBehaviour;
            if (!b.late || b.participation === 'none') continue;
            id += 1;
            const { closesAt } = windowOf(plan.fiscalYear, kind);
            const requested = officeTime(r, closesAt - r.int(1, 3) * DAY);
            yield line([
              String(id),
              String(roundIds.get(`${plan.fiscalYear}:${kind}`)),
              String(lao.id),
              ExtensionStatus.GRANTED,
              timestamp(b.extensionUntil),
              text(r.pick(['บุคลากรผู้รับผิดชอบลาป่วย', 'ระบบอินเทอร์เน็ตขัดข้อง', 'อยู่ระหว่างรวบรวมเอกสารการเบิกจ่าย'])),
              text(null),
              lao.accountId,
              r.pick(reviewerIds),
              timestamp(requested),
              timestamp(requested + r.int(2, 30) * HOUR),
              '2',
            ]);
          }
        }
      }
    },
  );

  return {
    seed,
    scale,
    asOf,
    currentFiscalYear,
    fiscalYears: nationalFiscalYears,
    geography,
    laos: laos.map(({ draft: _draft, createdAt: _createdAt, ...lao }) => lao),
    laoCounts,
    tables,
    roundIds,
  };
};
