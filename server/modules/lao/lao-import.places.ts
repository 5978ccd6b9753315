import type { EntityManager } from 'typeorm';
import { District } from '../geo/district.entity';
import { Province } from '../geo/province.entity';

/** Provinces and districts, by id and by the names DLA's files use. */
export type Places = {
  provinces: Map<number, Province>;
  districts: Map<number, District>;
  provinceByName: Map<string, Province>;
  /** `${provinceId}:${name}` → district. */
  districtByName: Map<string, District>;
};

export const provinceKey = (text: string): string =>
  text
    .replace(/\s/g, '')
    .replace(/^(จังหวัด|จ\.)/, '')
    .toLowerCase();
export const districtKey = (text: string): string =>
  text
    .replace(/\s/g, '')
    .replace(/^(กิ่งอำเภอ|อำเภอ|เขต|อ\.)/, '')
    .toLowerCase();

export const loadPlaces = async (manager: EntityManager): Promise<Places> => {
  const [provinceList, districtList] = await Promise.all([
    manager.getRepository(Province).find(),
    manager.getRepository(District).find(),
  ]);
  const provinces = new Map(provinceList.map((p) => [p.id, p]));
  const districts = new Map(districtList.map((d) => [d.id, d]));
  const provinceByName = new Map<string, Province>();
  for (const province of provinceList) {
    provinceByName.set(provinceKey(province.nameTh), province);
    provinceByName.set(provinceKey(province.nameEn), province);
  }
  const bangkok = provinceList.find((p) => p.nameTh === 'กรุงเทพมหานคร');
  if (bangkok)
    for (const alias of ['กรุงเทพฯ', 'กทม.', 'กทม']) provinceByName.set(provinceKey(alias), bangkok);
  const districtByName = new Map<string, District>();
  for (const district of districtList) {
    districtByName.set(`${district.provinceId}:${districtKey(district.nameTh)}`, district);
    districtByName.set(`${district.provinceId}:${districtKey(district.nameEn)}`, district);
  }
  return { provinces, districts, provinceByName, districtByName };
};
