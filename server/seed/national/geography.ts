import { getDatabase, getDistricts, getProvinces, preload } from 'thai-address-universal';

/**
 * Thailand's 77 provinces and 928 districts (อำเภอ/เขต) with their DOPA geocodes
 * (province 2 digits, district 4) and Thai and English names, plus the subdistricts
 * (ตำบล/แขวง) of each district, whose names become the names of generated LAOs.
 *
 * Source: the npm package `thai-address-universal` (ISC licence), derived from the
 * Thai postal address database. A few of its entries are wrong; `corrections` below
 * fixes them (checked against DOPA's code list) and `loadGeography` refuses data
 * that would not give exactly 77 provinces and 928 districts with unique codes.
 */

export type Province = { id: number; nameTh: string; nameEn: string };
export type District = {
  id: number;
  provinceId: number;
  nameTh: string;
  nameEn: string;
  /** Thai names of the subdistricts (ตำบล, แขวง in Bangkok), sorted. */
  subdistricts: string[];
};
export type Geography = { provinces: Province[]; districts: District[] };

export const bangkokId = 10;
export const expectedProvinces = 77;
export const expectedDistricts = 928;

/** Bueng Kan: DOPA/ISO 3166-2 code 38 (the package uses its postal prefix 97 and has no district codes). */
const provinceCodeFixes: Record<string, number> = { บึงกาฬ: 38 };
const provinceNameEnFixes: Record<number, string> = {
  30: 'Nakhon Ratchasima',
  60: 'Nakhon Sawan',
  72: 'Suphan Buri',
};
/** Keyed by Thai province and district name: codes the package lacks or duplicates, garbled English. */
const districtFixes: Record<string, { id?: number; nameEn?: string }> = {
  'บึงกาฬ|เมืองบึงกาฬ': { id: 3801 },
  'บึงกาฬ|เซกา': { id: 3802 },
  'บึงกาฬ|โซ่พิสัย': { id: 3803 },
  'บึงกาฬ|พรเจริญ': { id: 3804 },
  'บึงกาฬ|ศรีวิไล': { id: 3805 },
  'บึงกาฬ|บึงโขงหลง': { id: 3806 },
  'บึงกาฬ|ปากคาด': { id: 3807 },
  'บึงกาฬ|บุ่งคล้า': { id: 3808 },
  'เชียงใหม่|กัลยาณิวัฒนา': { id: 5025, nameEn: 'Galyani Vadhana' },
  'อุตรดิตถ์|น้ำปาด': { id: 5304, nameEn: 'Nam Pat' },
  'กรุงเทพมหานคร|สาทร': { nameEn: 'Sathon' },
  'สิงห์บุรี|ค่ายบางระจัน': { nameEn: 'Khai Bang Rachan' },
  'ฉะเชิงเทรา|สนามชัยเขต': { nameEn: 'Sanam Chai Khet' },
  'ขอนแก่น|อุบลรัตน์': { nameEn: 'Ubolratana' },
  'ขอนแก่น|แวงใหญ่': { nameEn: 'Waeng Yai' },
  'ขอนแก่น|ภูผาม่าน': { nameEn: 'Phu Pha Man' },
  'นครปฐม|นครชัยศรี': { nameEn: 'Nakhon Chai Si' },
};

let cached: Promise<Geography> | undefined;

/** Reads (once per process) and checks the geography. */
export const loadGeography = (): Promise<Geography> => (cached ??= readGeography());

const readGeography = async (): Promise<Geography> => {
  await preload();
  const subdistricts = new Map<string, Set<string>>();
  for (const row of getDatabase()) {
    const key = `${row.province}|${row.district}`;
    let names = subdistricts.get(key);
    if (!names) subdistricts.set(key, (names = new Set()));
    names.add(row.sub_district);
  }
  const provinces: Province[] = [];
  const districts: District[] = [];
  for (const entry of await getProvinces()) {
    const id = provinceCodeFixes[entry.nameTh] ?? Number(entry.code);
    provinces.push({ id, nameTh: entry.nameTh, nameEn: provinceNameEnFixes[id] ?? entry.nameEn });
    for (const district of await getDistricts(entry.code)) {
      const key = `${entry.nameTh}|${district.nameTh}`;
      const fix = districtFixes[key] ?? {};
      districts.push({
        id: fix.id ?? Number(district.code),
        provinceId: id,
        // Bangkok's districts are เขต: named as the demo data and DOPA write them.
        nameTh: id === bangkokId ? `เขต${district.nameTh}` : district.nameTh,
        nameEn: fix.nameEn ?? district.nameEn,
        subdistricts: [...(subdistricts.get(key) ?? [])].sort(),
      });
    }
  }
  provinces.sort((a, b) => a.id - b.id);
  districts.sort((a, b) => a.id - b.id);
  checkGeography({ provinces, districts });
  return { provinces, districts };
};

const checkGeography = ({ provinces, districts }: Geography): void => {
  const problems: string[] = [];
  if (provinces.length !== expectedProvinces) problems.push(`${provinces.length} provinces`);
  if (districts.length !== expectedDistricts) problems.push(`${districts.length} districts`);
  if (new Set(provinces.map((p) => p.id)).size !== provinces.length)
    problems.push('duplicate province codes');
  if (new Set(districts.map((d) => d.id)).size !== districts.length)
    problems.push('duplicate district codes');
  for (const d of districts) {
    if (Math.floor(d.id / 100) !== d.provinceId || d.id % 100 === 0)
      problems.push(`district ${d.id} (${d.nameTh})`);
    if (d.subdistricts.length === 0) problems.push(`district ${d.id} has no subdistricts`);
  }
  if (problems.length) {
    throw new Error(`thai-address-universal gave unexpected geography: ${problems.slice(0, 10).join('; ')}`);
  }
};
