import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Province } from './province.entity';

@ObjectType({ description: 'A district (อำเภอ / เขต) of a province.' })
@Entity({ name: 'district' })
@Index('district_province_idx', ['provinceId'])
export class District {
  @Field(() => ID, { description: 'Four-digit district code (province code + two digits).' })
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ name: 'province_id', type: 'smallint' })
  provinceId: number;

  @ManyToOne(() => Province, (province) => province.districts, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_id' })
  province?: Province;

  @Field({ description: 'Thai name, e.g. วังทอง.' })
  @Column({ name: 'name_th', type: 'varchar', length: 100 })
  nameTh: string;

  @Field({ description: 'English name, e.g. Wang Thong.' })
  @Column({ name: 'name_en', type: 'varchar', length: 100 })
  nameEn: string;
}
