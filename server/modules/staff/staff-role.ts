import { registerEnumType } from 'type-graphql';
import { Role } from '../../auth/role';

/** The four kinds of staff account an administrator hands out (issue 24, Staff accounts). */
export enum StaffRole {
  CENTRAL_ADMINISTRATOR = 'CENTRAL_ADMINISTRATOR',
  CENTRAL_ANALYST = 'CENTRAL_ANALYST',
  PROVINCIAL_OFFICE = 'PROVINCIAL_OFFICE',
  REGIONAL_OFFICE = 'REGIONAL_OFFICE',
}

registerEnumType(StaffRole, {
  name: 'StaffRole',
  description: 'What a NACC staff account is: its role and, for central accounts, whether it administers.',
  valuesConfig: {
    CENTRAL_ADMINISTRATOR: {
      description:
        'NACC central administrator (ผู้ดูแลระบบส่วนกลาง): everything central does, plus staff accounts and regions.',
    },
    CENTRAL_ANALYST: { description: 'NACC central analyst (เจ้าหน้าที่ส่วนกลาง).' },
    PROVINCIAL_OFFICE: {
      description: 'NACC provincial office (สำนักงาน ป.ป.ช. ประจำจังหวัด), scoped to one province.',
    },
    REGIONAL_OFFICE: {
      description: 'NACC regional office (สำนักงาน ป.ป.ช. ภาค), scoped to the provinces of its region.',
    },
  },
});

/** The account role and administrator flag of a staff role. */
export const accountRoleOf = (staffRole: StaffRole): { role: Role; administrator: boolean } => {
  switch (staffRole) {
    case StaffRole.CENTRAL_ADMINISTRATOR:
      return { role: Role.NACC_CENTRAL, administrator: true };
    case StaffRole.CENTRAL_ANALYST:
      return { role: Role.NACC_CENTRAL, administrator: false };
    case StaffRole.PROVINCIAL_OFFICE:
      return { role: Role.NACC_PROVINCE, administrator: false };
    case StaffRole.REGIONAL_OFFICE:
      return { role: Role.NACC_REGION, administrator: false };
  }
};

/** The staff role of an account (null for LAO and partner accounts). */
export const staffRoleOf = (account: { role: Role; administrator: boolean }): StaffRole | null => {
  switch (account.role) {
    case Role.NACC_CENTRAL:
      return account.administrator ? StaffRole.CENTRAL_ADMINISTRATOR : StaffRole.CENTRAL_ANALYST;
    case Role.NACC_PROVINCE:
      return StaffRole.PROVINCIAL_OFFICE;
    case Role.NACC_REGION:
      return StaffRole.REGIONAL_OFFICE;
    default:
      return null;
  }
};

/** The Thai name of a staff role, as mails and the CLI say it. */
export const staffRoleTh: Record<StaffRole, string> = {
  [StaffRole.CENTRAL_ADMINISTRATOR]: 'ผู้ดูแลระบบ สำนักงาน ป.ป.ช. ส่วนกลาง',
  [StaffRole.CENTRAL_ANALYST]: 'เจ้าหน้าที่ สำนักงาน ป.ป.ช. ส่วนกลาง',
  [StaffRole.PROVINCIAL_OFFICE]: 'เจ้าหน้าที่ สำนักงาน ป.ป.ช. ประจำจังหวัด',
  [StaffRole.REGIONAL_OFFICE]: 'เจ้าหน้าที่ สำนักงาน ป.ป.ช. ภาค',
};

/** The account roles that are staff (NACC) accounts. */
export const staffAccountRoles = [Role.NACC_CENTRAL, Role.NACC_PROVINCE, Role.NACC_REGION] as const;
