import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import type { District } from './district.entity';

@ObjectType({ description: 'A province (จังหวัด); Bangkok counts as one.' })
@Entity({ name: 'province' })
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

  @OneToMany('District', (district: District) => district.province)
  districts?: District[];
}
