import type { EntityManager } from 'typeorm';
import type { CheckedFile, LaoImportRow } from './lao-import.check';
import type { LaoReferences } from './lao-import.references';
import type { LaoSize, LaoType } from './lao.enums';

type ExistingLao = {
  id: number;
  code: string;
  nameTh: string;
  type: LaoType;
  size: LaoSize | null;
  provinceId: number;
  districtId: number;
};

export type LaoChange = {
  rowNumber: number;
  laoId: string | null;
  code: string;
  nameTh: string;
  previousNameTh: string | null;
  type: LaoType;
  previousType: LaoType | null;
  size: LaoSize | null;
  previousSize: LaoSize | null;
  provinceId: string;
  provinceNameTh: string;
  previousProvinceNameTh: string | null;
  districtId: string;
  districtNameTh: string;
  previousDistrictNameTh: string | null;
};

export type MissingLao = {
  laoId: string;
  code: string;
  nameTh: string;
  provinceNameTh: string;
  districtNameTh: string;
  hasData: boolean;
  dataKinds: string[];
};

export type LaoChangeSet = {
  created: LaoChange[];
  renamed: LaoChange[];
  moved: LaoChange[];
  retyped: LaoChange[];
  unchangedCount: number;
  missing: MissingLao[];
  /** Rows to write: new LAOs and changed ones. */
  writes: LaoImportRow[];
};

/** What importing the checked rows would change against the database; reads only. */
export const changeSet = async (
  manager: EntityManager,
  file: CheckedFile,
  references: LaoReferences,
): Promise<LaoChangeSet> => {
  const existing = (await manager.query(
    `SELECT id, code, name_th AS "nameTh", type, size, province_id AS "provinceId", district_id AS "districtId"
       FROM lao`,
  )) as ExistingLao[];
  const byCode = new Map(existing.map((lao) => [lao.code, lao]));
  const { provinces, districts } = file.places;
  const provinceName = (id: number) => provinces.get(id)?.nameTh ?? String(id);
  const districtName = (id: number) => districts.get(id)?.nameTh ?? String(id);
  const set: LaoChangeSet = {
    created: [],
    renamed: [],
    moved: [],
    retyped: [],
    unchangedCount: 0,
    missing: [],
    writes: [],
  };
  for (const row of file.rows) {
    const current = byCode.get(row.code);
    const size = row.size === undefined ? (current?.size ?? null) : row.size;
    const change: LaoChange = {
      rowNumber: row.rowNumber,
      laoId: current ? String(current.id) : null,
      code: row.code,
      nameTh: row.nameTh,
      previousNameTh: current?.nameTh ?? null,
      type: row.type,
      previousType: current?.type ?? null,
      size,
      previousSize: current?.size ?? null,
      provinceId: String(row.provinceId),
      provinceNameTh: provinceName(row.provinceId),
      previousProvinceNameTh: current ? provinceName(current.provinceId) : null,
      districtId: String(row.districtId),
      districtNameTh: districtName(row.districtId),
      previousDistrictNameTh: current ? districtName(current.districtId) : null,
    };
    if (!current) {
      set.created.push(change);
      set.writes.push(row);
      continue;
    }
    const renamed = current.nameTh !== row.nameTh;
    const moved = current.provinceId !== row.provinceId || current.districtId !== row.districtId;
    const retyped = current.type !== row.type || current.size !== size;
    if (renamed) set.renamed.push(change);
    if (moved) set.moved.push(change);
    if (retyped) set.retyped.push(change);
    if (renamed || moved || retyped) set.writes.push(row);
    else set.unchangedCount += 1;
  }
  const missing = existing
    .filter((lao) => !file.codes.has(lao.code))
    .sort((a, b) => a.code.localeCompare(b.code));
  const kinds = await references.kinds(
    manager,
    missing.map((lao) => lao.id),
  );
  set.missing = missing.map((lao) => ({
    laoId: String(lao.id),
    code: lao.code,
    nameTh: lao.nameTh,
    provinceNameTh: provinceName(lao.provinceId),
    districtNameTh: districtName(lao.districtId),
    hasData: (kinds.get(lao.id) ?? []).length > 0,
    dataKinds: kinds.get(lao.id) ?? [],
  }));
  return set;
};
