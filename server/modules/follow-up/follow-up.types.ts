import { Field, ObjectType } from 'type-graphql';
import { Lao } from '../lao/lao.entity';
import { ProblemReport } from './problem-report.entity';
import { SiteVisit } from './site-visit.entity';

@ObjectType({
  description:
    'One LAO in the site-visit planner of a fiscal year: its visit (if planned or done) and the problems it filed that year.',
})
export class SiteVisitPlanRow {
  @Field(() => Lao, { description: 'The LAO.' })
  lao: Lao;

  @Field(() => SiteVisit, {
    nullable: true,
    description: 'Its visit of the year; null when none is planned.',
  })
  visit: SiteVisit | null;

  @Field(() => [ProblemReport], {
    description: 'Problems, obstacles and suggestions it filed in the year, 6-month round first.',
  })
  problemReports: ProblemReport[];
}
