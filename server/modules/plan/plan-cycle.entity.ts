import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

@ObjectType({
  description:
    'A plan cycle: a span of Buddhist-Era fiscal years one plan covers (e.g. 2561–2565, 2566–2570).',
})
@Entity({ name: 'plan_cycle' })
@Check(
  'plan_cycle_years',
  `"start_year" BETWEEN 2500 AND 2700 AND "end_year" >= "start_year" AND "end_year" - "start_year" < 10`,
)
export class PlanCycle {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Field({ description: 'Name, e.g. แผนปฏิบัติการป้องกันการทุจริต ระยะที่ 3.' })
  @Column({ name: 'name_th', type: 'varchar', length: 200 })
  nameTh: string;

  @Field(() => Int, { description: 'First fiscal year (พ.ศ.).' })
  @Column({ name: 'start_year', type: 'smallint' })
  startYear: number;

  @Field(() => Int, { description: 'Last fiscal year (พ.ศ.), after any extension.' })
  @Column({ name: 'end_year', type: 'smallint' })
  endYear: number;

  @Field(() => Int, { description: 'Row version for optimistic locking.' })
  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
