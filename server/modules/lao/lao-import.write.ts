import type { EntityManager } from 'typeorm';
import type { LaoChangeSet } from './lao-import.changes';
import type { LaoImportRow } from './lao-import.check';
import type { LaoReferences } from './lao-import.references';

const UPSERT_CHUNK = 2000;

/** INSERT … ON CONFLICT (code) DO UPDATE in chunks; a changed row gets a new version. */
const upsert = async (manager: EntityManager, rows: LaoImportRow[]): Promise<void> => {
  for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
    const chunk = rows.slice(start, start + UPSERT_CHUNK);
    await manager.query(
      `INSERT INTO lao (code, name_th, type, size, province_id, district_id, version)
       SELECT r.code, r.name_th, r.type, r.size, r.province_id, r.district_id, 1
         FROM unnest($1::text[], $2::text[], $3::lao_type[], $4::lao_size[], $5::smallint[], $6::smallint[])
              AS r(code, name_th, type, size, province_id, district_id)
       ON CONFLICT (code) DO UPDATE SET
         name_th = EXCLUDED.name_th,
         type = EXCLUDED.type,
         size = COALESCE(EXCLUDED.size, lao.size),
         province_id = EXCLUDED.province_id,
         district_id = EXCLUDED.district_id,
         version = lao.version + 1,
         updated_at = now()
       WHERE (lao.name_th, lao.type, lao.size, lao.province_id, lao.district_id)
             IS DISTINCT FROM
             (EXCLUDED.name_th, EXCLUDED.type, COALESCE(EXCLUDED.size, lao.size), EXCLUDED.province_id, EXCLUDED.district_id)`,
      [
        chunk.map((row) => row.code),
        chunk.map((row) => row.nameTh),
        chunk.map((row) => row.type),
        chunk.map((row) => row.size ?? null),
        chunk.map((row) => row.provinceId),
        chunk.map((row) => row.districtId),
      ],
    );
  }
};

/**
 * Writes a change set (inside the caller's transaction): new and changed LAOs upserted by code,
 * renamed LAOs' accounts renamed with them, and, when asked, the missing LAOs without data
 * deleted. Answers the ids deleted.
 */
export const writeChanges = async (
  manager: EntityManager,
  set: LaoChangeSet,
  deleteMissing: boolean,
  references: LaoReferences,
): Promise<Set<string>> => {
  await upsert(manager, set.writes);
  const renamedIds = set.renamed.map((change) => Number(change.laoId));
  if (renamedIds.length > 0) {
    // The account of an LAO is shown under the LAO's name.
    await manager.query(
      `UPDATE account SET display_name = lao.name_th, updated_at = now()
         FROM lao WHERE account.lao_id = lao.id AND lao.id = ANY($1::int[])`,
      [renamedIds],
    );
  }
  if (!deleteMissing) return new Set();
  const candidates = set.missing.filter((lao) => !lao.hasData).map((lao) => Number(lao.laoId));
  return references.deleteWithoutData(manager, candidates);
};
