import { registerEnumType } from 'type-graphql';

/** ประเภท อปท. */
export enum LaoType {
  PAO = 'PAO',
  CITY_MUNICIPALITY = 'CITY_MUNICIPALITY',
  TOWN_MUNICIPALITY = 'TOWN_MUNICIPALITY',
  SUBDISTRICT_MUNICIPALITY = 'SUBDISTRICT_MUNICIPALITY',
  SAO = 'SAO',
  PATTAYA = 'PATTAYA',
  BANGKOK = 'BANGKOK',
}

/** ขนาด อปท. */
export enum LaoSize {
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
}

registerEnumType(LaoType, {
  name: 'LaoType',
  description: 'Type of Local Administrative Organization (ประเภท อปท.).',
  valuesConfig: {
    PAO: { description: 'องค์การบริหารส่วนจังหวัด (Provincial Administrative Organization)' },
    CITY_MUNICIPALITY: { description: 'เทศบาลนคร (city municipality)' },
    TOWN_MUNICIPALITY: { description: 'เทศบาลเมือง (town municipality)' },
    SUBDISTRICT_MUNICIPALITY: { description: 'เทศบาลตำบล (subdistrict municipality)' },
    SAO: { description: 'องค์การบริหารส่วนตำบล (Subdistrict Administrative Organization)' },
    PATTAYA: { description: 'เมืองพัทยา (Pattaya City)' },
    BANGKOK: { description: 'กรุงเทพมหานคร (Bangkok Metropolitan Administration)' },
  },
});

registerEnumType(LaoSize, {
  name: 'LaoSize',
  description: 'Size class of an LAO (ขนาด).',
  valuesConfig: {
    SMALL: { description: 'เล็ก (small)' },
    MEDIUM: { description: 'กลาง (medium)' },
    LARGE: { description: 'ใหญ่ (large)' },
  },
});
