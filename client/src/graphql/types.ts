// Hand-written shapes of the documents in this folder (the schema is the contract).

export type Role = 'LAO' | 'NACC_CENTRAL' | 'NACC_PROVINCE' | 'PARTNER';

export type LaoType =
  | 'PAO'
  | 'CITY_MUNICIPALITY'
  | 'TOWN_MUNICIPALITY'
  | 'SUBDISTRICT_MUNICIPALITY'
  | 'SAO'
  | 'PATTAYA'
  | 'BANGKOK';

export type LaoSize = 'SMALL' | 'MEDIUM' | 'LARGE';

export type ProfileTab = 'LOCATION' | 'AREA' | 'COORDINATOR';

export type PlaceRef = { id: string; nameTh: string };

export type ProvinceWithDistricts = PlaceRef & { districts: PlaceRef[] };

export type ViewerLao = {
  id: string;
  code: string;
  nameTh: string;
  type: LaoType;
  province: PlaceRef;
  district: PlaceRef;
  incompleteProfileTabs: ProfileTab[];
  profileCompletedAt: string | null;
};

export type Viewer = {
  account: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    lastLoginAt: string | null;
  };
  mustCompleteProfile: boolean;
  sessionExpiresAt: string;
  province: PlaceRef | null;
  lao: ViewerLao | null;
};

export type LaoCoordinator = {
  fullName: string | null;
  position: string | null;
  unit: string | null;
  phone: string | null;
  mobile: string | null;
  fax: string | null;
  email: string | null;
};

export type LaoProfile = {
  id: string;
  version: number;
  code: string;
  nameTh: string;
  type: LaoType;
  size: LaoSize | null;
  address: string | null;
  province: PlaceRef;
  district: PlaceRef;
  areaKm2: string | null;
  population: number | null;
  revenueExcludingSubsidies: string | null;
  revenueFromSubsidies: string | null;
  chiefExecutiveName: string | null;
  permanentSecretaryName: string | null;
  website: string | null;
  coordinator: LaoCoordinator | null;
  incompleteProfileTabs: ProfileTab[];
  profileCompletedAt: string | null;
};

export type AccountStatus = {
  activated: boolean;
  activatedAt: string | null;
  lastLoginAt: string | null;
  pendingCodeExpiresAt: string | null;
};

export type LaoRow = {
  id: string;
  code: string;
  nameTh: string;
  type: LaoType;
  province: PlaceRef;
  district: PlaceRef;
  accountStatus: AccountStatus | null;
};

export type IssuedActivationCode = {
  code: string;
  expiresAt: string;
  lao: LaoRow;
};

export type AuthPayload = { token: string; expiresAt: string; viewer: Viewer };
