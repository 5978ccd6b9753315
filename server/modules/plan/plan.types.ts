import { Field, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { AssessmentVerdict, ScoreLevel } from './plan.enums';

@ObjectType({
  description: 'What the viewer may do with a plan; the app reads this instead of re-implementing rules.',
})
export class PlanPermissions {
  @Field({
    description:
      'May record, edit and delete projects of this plan (the LAO itself; not while NACC assesses the submitted plan).',
  })
  recordProjects: boolean;

  @Field({ description: 'May submit the plan to NACC now.' })
  submit: boolean;

  @Field({
    description:
      'May assess the plan now (NACC in reach, plan submitted; NACC central also a plan already assessed).',
  })
  assess: boolean;

  @Field({
    description: 'May enter or revise its self-assessment now (the LAO itself, until the plan passes).',
  })
  selfAssess: boolean;

  @Field({
    description:
      'May report progress on the projects of this fiscal year (the LAO itself, plan passed); each round’s window applies on top.',
  })
  reportProgress: boolean;
}

@ObjectType({ description: 'What the viewer may do with a project.' })
export class ProjectPermissions {
  @Field({
    description:
      'May edit it (the LAO itself; not once withdrawn, nor while a plan of its years is under assessment).',
  })
  edit: boolean;

  @Field({
    description:
      'May delete it (the LAO itself, unless NACC approved it; not while a plan of its years is under assessment).',
  })
  delete: boolean;

  @Field({
    description:
      'May withdraw it from the plan with a reason (the LAO itself, approved projects; not while a plan of its years is under assessment).',
  })
  withdraw: boolean;

  @Field({ description: 'May approve or reject it (NACC within its reach).' })
  review: boolean;
}

@ObjectType({
  description:
    'One set of plan scores: the LAO’s self-assessment (L), a provincial office’s (P) or NACC central’s (M) assessment.',
})
export class PlanScoreSet {
  @Field(() => ScoreLevel, { description: 'Who gave it.' })
  level: ScoreLevel;

  @Field(() => DecimalScalar, { description: 'Score of dimension 1.' })
  scoreSociety: string;

  @Field(() => DecimalScalar, { description: 'Score of dimension 2.' })
  scoreAdministration: string;

  @Field(() => DecimalScalar, { description: 'Score of dimension 3.' })
  scoreParticipation: string;

  @Field(() => DecimalScalar, { description: 'Score of dimension 4.' })
  scoreOversight: string;

  @Field(() => DecimalScalar, { description: 'Total: the sum of the four dimensions.' })
  totalScore: string;

  @Field(() => Date, { description: 'When it was given.' })
  at: Date;
}

@ObjectType({
  description:
    'A plan’s scores as the legacy SAR table showed them: self-assessment (L), provincial office (P) and NACC central (M), the effective score, the fiscal year’s pass mark and the outcome it gives.',
})
export class PlanScores {
  @Field(() => PlanScoreSet, { nullable: true, description: 'The LAO’s newest self-assessment (L).' })
  self: PlanScoreSet | null;

  @Field(() => PlanScoreSet, {
    nullable: true,
    description: 'The newest provincial office assessment since the plan’s last submission (P).',
  })
  provincial: PlanScoreSet | null;

  @Field(() => PlanScoreSet, {
    nullable: true,
    description: 'The newest NACC central assessment since the plan’s last submission (M).',
  })
  central: PlanScoreSet | null;

  @Field(() => PlanScoreSet, {
    nullable: true,
    description:
      'The effective score: central’s if given, else the provincial office’s, else the self-assessment.',
  })
  effective: PlanScoreSet | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The fiscal year’s pass mark; null until NACC sets one.',
  })
  passMark: string | null;

  @Field(() => AssessmentVerdict, {
    nullable: true,
    description:
      'What the pass mark gives the effective total now (passed when it reaches the mark); null without a score or a mark. The plan’s outcome is its status.',
  })
  verdictByPassMark: AssessmentVerdict | null;
}
