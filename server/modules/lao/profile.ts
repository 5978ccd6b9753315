import type { Lao } from './lao.entity';

export type ProfileTab = 'LOCATION' | 'AREA' | 'COORDINATOR';

/** Fields each tab requires before the first-use wizard is done (manual section 5). */
const requiredByTab: Record<ProfileTab, (keyof Lao)[]> = {
  LOCATION: ['size', 'address'],
  AREA: [
    'areaKm2',
    'population',
    'revenueExcludingSubsidies',
    'revenueFromSubsidies',
    'chiefExecutiveName',
    'permanentSecretaryName',
  ],
  COORDINATOR: [
    'coordinatorFullName',
    'coordinatorPosition',
    'coordinatorUnit',
    'coordinatorMobile',
    'coordinatorEmail',
  ],
};

export const incompleteProfileTabs = (lao: Lao): ProfileTab[] =>
  (Object.keys(requiredByTab) as ProfileTab[]).filter((tab) =>
    requiredByTab[tab].some((field) => lao[field] === null || lao[field] === undefined || lao[field] === ''),
  );

export const isProfileComplete = (lao: Lao): boolean => incompleteProfileTabs(lao).length === 0;
