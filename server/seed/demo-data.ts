import { LaoSize, LaoType } from '../modules/lao/lao.enums';

/** Real provinces and districts (DOPA codes); LAO codes below are demo values, not DLA's. */
export const demoProvinces = [
  { id: 10, nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok' },
  { id: 20, nameTh: 'ชลบุรี', nameEn: 'Chon Buri' },
  { id: 54, nameTh: 'แพร่', nameEn: 'Phrae' },
  { id: 65, nameTh: 'พิษณุโลก', nameEn: 'Phitsanulok' },
];

export const demoDistricts = [
  { id: 1001, provinceId: 10, nameTh: 'เขตพระนคร', nameEn: 'Phra Nakhon' },
  { id: 2001, provinceId: 20, nameTh: 'เมืองชลบุรี', nameEn: 'Mueang Chon Buri' },
  { id: 2004, provinceId: 20, nameTh: 'บางละมุง', nameEn: 'Bang Lamung' },
  { id: 2007, provinceId: 20, nameTh: 'ศรีราชา', nameEn: 'Si Racha' },
  { id: 5401, provinceId: 54, nameTh: 'เมืองแพร่', nameEn: 'Mueang Phrae' },
  { id: 5402, provinceId: 54, nameTh: 'ร้องกวาง', nameEn: 'Rong Kwang' },
  { id: 5403, provinceId: 54, nameTh: 'ลอง', nameEn: 'Long' },
  { id: 6501, provinceId: 65, nameTh: 'เมืองพิษณุโลก', nameEn: 'Mueang Phitsanulok' },
  { id: 6502, provinceId: 65, nameTh: 'นครไทย', nameEn: 'Nakhon Thai' },
  { id: 6504, provinceId: 65, nameTh: 'บางระกำ', nameEn: 'Bang Rakam' },
  { id: 6506, provinceId: 65, nameTh: 'พรหมพิราม', nameEn: 'Phrom Phiram' },
  { id: 6508, provinceId: 65, nameTh: 'วังทอง', nameEn: 'Wang Thong' },
];

type DemoLao = { code: string; nameTh: string; type: LaoType; districtId: number; size?: LaoSize };

const {
  PAO,
  CITY_MUNICIPALITY: CITY,
  TOWN_MUNICIPALITY: TOWN,
  SUBDISTRICT_MUNICIPALITY: SUBDISTRICT,
  SAO,
} = LaoType;

export const demoLaos: DemoLao[] = [
  { code: '1100001', nameTh: 'กรุงเทพมหานคร', type: LaoType.BANGKOK, districtId: 1001 },
  { code: '1200001', nameTh: 'องค์การบริหารส่วนจังหวัดชลบุรี', type: PAO, districtId: 2001 },
  { code: '2200101', nameTh: 'เทศบาลเมืองชลบุรี', type: TOWN, districtId: 2001 },
  { code: '3200102', nameTh: 'เทศบาลตำบลบ้านสวน', type: SUBDISTRICT, districtId: 2001 },
  { code: '2200401', nameTh: 'เมืองพัทยา', type: LaoType.PATTAYA, districtId: 2004 },
  { code: '5200402', nameTh: 'องค์การบริหารส่วนตำบลโป่ง', type: SAO, districtId: 2004 },
  { code: '2200701', nameTh: 'เทศบาลนครแหลมฉบัง', type: CITY, districtId: 2007 },
  { code: '2200702', nameTh: 'เทศบาลนครเจ้าพระยาสุรศักดิ์', type: CITY, districtId: 2007 },
  { code: '5200703', nameTh: 'องค์การบริหารส่วนตำบลหนองขาม', type: SAO, districtId: 2007 },
  { code: '1540001', nameTh: 'องค์การบริหารส่วนจังหวัดแพร่', type: PAO, districtId: 5401 },
  { code: '2540101', nameTh: 'เทศบาลเมืองแพร่', type: TOWN, districtId: 5401 },
  { code: '5540102', nameTh: 'องค์การบริหารส่วนตำบลป่าแมต', type: SAO, districtId: 5401 },
  { code: '3540201', nameTh: 'เทศบาลตำบลร้องกวาง', type: SUBDISTRICT, districtId: 5402 },
  { code: '5540202', nameTh: 'องค์การบริหารส่วนตำบลร่องฟอง', type: SAO, districtId: 5402 },
  { code: '5540301', nameTh: 'องค์การบริหารส่วนตำบลห้วยอ้อ', type: SAO, districtId: 5403 },
  { code: '1650001', nameTh: 'องค์การบริหารส่วนจังหวัดพิษณุโลก', type: PAO, districtId: 6501 },
  { code: '2650101', nameTh: 'เทศบาลนครพิษณุโลก', type: CITY, districtId: 6501 },
  { code: '3650102', nameTh: 'เทศบาลตำบลบ้านคลอง', type: SUBDISTRICT, districtId: 6501 },
  { code: '5650103', nameTh: 'องค์การบริหารส่วนตำบลวัดพริก', type: SAO, districtId: 6501 },
  { code: '5650104', nameTh: 'องค์การบริหารส่วนตำบลงิ้วงาม', type: SAO, districtId: 6501 },
  { code: '3650201', nameTh: 'เทศบาลตำบลนครไทย', type: SUBDISTRICT, districtId: 6502 },
  { code: '5650202', nameTh: 'องค์การบริหารส่วนตำบลบ้านแยง', type: SAO, districtId: 6502 },
  { code: '3650401', nameTh: 'เทศบาลตำบลบางระกำ', type: SUBDISTRICT, districtId: 6504 },
  { code: '5650402', nameTh: 'องค์การบริหารส่วนตำบลชุมแสงสงคราม', type: SAO, districtId: 6504 },
  { code: '5650601', nameTh: 'องค์การบริหารส่วนตำบลท่าช้าง', type: SAO, districtId: 6506 },
  { code: '3650801', nameTh: 'เทศบาลตำบลวังทอง', type: SUBDISTRICT, districtId: 6508, size: LaoSize.MEDIUM },
  { code: '5650802', nameTh: 'องค์การบริหารส่วนตำบลดินทอง', type: SAO, districtId: 6508, size: LaoSize.MEDIUM },
  { code: '5650803', nameTh: 'องค์การบริหารส่วนตำบลวังพิกุล', type: SAO, districtId: 6508 },
  { code: '5650804', nameTh: 'องค์การบริหารส่วนตำบลชัยนาม', type: SAO, districtId: 6508 },
  { code: '5650805', nameTh: 'องค์การบริหารส่วนตำบลแม่ระกา', type: SAO, districtId: 6508 },
];

/** Demo sign-ins printed by `npm start` (demo database only). */
export const demoAccounts = {
  naccCentral: {
    username: 'nacc.admin',
    password: 'Demo-NACC-2565',
    displayName: 'สำนักพัฒนาและส่งเสริมธรรมาภิบาล (ทดสอบ)',
  },
  naccProvince: {
    username: 'nacc.phitsanulok',
    password: 'Demo-Province-2565',
    displayName: 'สำนักงาน ป.ป.ช. ประจำจังหวัดพิษณุโลก (ทดสอบ)',
    provinceId: 65,
  },
  /**
   * A regional office (ภาค 6). The demo puts Phitsanulok and Phrae in region 6 and Chon Buri in
   * region 2 (`demoRegions`) so that it reaches two provinces; which provinces form a region is
   * data NACC central edits (/nacc/regions), not this list.
   */
  naccRegion: {
    username: 'nacc.region6',
    password: 'Demo-Region-2565',
    displayName: 'สำนักงาน ป.ป.ช. ภาค 6 (ทดสอบ)',
    regionId: 6,
  },
  /** An LAO that has activated and completed its profile. */
  lao: { username: '5650802', password: 'Demo-Dintong-2565' },
};

/** The demo's regions: province → region (ภาค). Bangkok is left in none. */
export const demoRegions: { provinceId: number; regionId: number }[] = [
  { provinceId: 65, regionId: 6 },
  { provinceId: 54, regionId: 6 },
  { provinceId: 20, regionId: 2 },
];
