import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import type { District } from './district.entity';
import { Region } from './region.entity';

@ObjectType({ description: 'A province (จังหวัด); Bangkok counts as one.' })
@Entity({ name: 'province' })
@Index('province_region_idx', ['regionId'])
export class Province {
  @Field(() => ID, { description: 'Two-digit province code of the Department of Provincial Administration.' })
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Field({ description: 'Thai name, e.g. พิษณุโลก.' })
  @Column({ name: 'name_th', type: 'varchar', length: 100 })
  nameTh: string;

  @Field({ description: 'English name, e.g. Phitsanulok.' })
  @Column({ name: 'name_en', type: 'varchar', length: 100 })
  nameEn: string;

  /** The NACC region (ภาค) the province belongs to; null until NACC central assigns one. */
  @Column({ name: 'region_id', type: 'smallint', nullable: true })
  regionId: number | null;

  @ManyToOne(() => Region, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'FK_province_region' })
  region?: Region;

  @OneToMany('District', (district: District) => district.province)
  districts?: District[];
}
