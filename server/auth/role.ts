import { registerEnumType } from 'type-graphql';

/** Who a signed-in caller is; record-level scope comes with the viewer (LAO, province). */
export enum Role {
  LAO = 'LAO',
  NACC_CENTRAL = 'NACC_CENTRAL',
  NACC_PROVINCE = 'NACC_PROVINCE',
  NACC_REGION = 'NACC_REGION',
  PARTNER = 'PARTNER',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'Role of an account.',
  valuesConfig: {
    LAO: { description: 'Staff of one LAO (อปท.).' },
    NACC_CENTRAL: {
      description:
        'NACC central (สำนักงาน ป.ป.ช. ส่วนกลาง): an analyst, or an administrator when the account says so.',
    },
    NACC_PROVINCE: {
      description: 'NACC provincial office (สำนักงาน ป.ป.ช. ประจำจังหวัด), bound to one province.',
    },
    NACC_REGION: {
      description: 'NACC regional office (สำนักงาน ป.ป.ช. ภาค), bound to the provinces of its region.',
    },
    PARTNER: { description: 'Partner agency such as DLA, read-only over API keys.' },
  },
});
