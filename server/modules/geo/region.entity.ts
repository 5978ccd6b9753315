import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({
  description:
    "A NACC regional office's area (สำนักงาน ป.ป.ช. ภาค 1–9): which provinces form it is data NACC central edits.",
})
@Entity({ name: 'region' })
@Check('region_id_positive', `"id" > 0`)
export class Region {
  @Field(() => ID, { description: 'Region number, 1–9 as in the legacy `provinces.area`.' })
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Field({ description: 'Thai name, e.g. สำนักงาน ป.ป.ช. ภาค 3.' })
  @Column({ name: 'name_th', type: 'varchar', length: 100 })
  nameTh: string;

  @Field({ description: 'English name, e.g. NACC Region 3.' })
  @Column({ name: 'name_en', type: 'varchar', length: 100 })
  nameEn: string;
}
