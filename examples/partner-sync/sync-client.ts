/**
 * Example partner client: mirrors LAOs, plans, projects and reports of the LAO
 * plan monitor into a local store, first in full, then incrementally.
 *
 * Protocol (docs/api.md, "Incremental sync"):
 *   1. read `syncHorizon` before pulling anything;
 *   2. pull every list with `updatedSince: <previous horizon>` (absent the first time),
 *      page by page (`first`/`after`), upserting each record;
 *   3. pull `deletedRecords(since: <previous horizon>)` and delete those records;
 *   4. keep the horizon of step 1 for next time.
 * Records can arrive twice (upserts make that harmless); none is missed.
 *
 * Only `fetch` is needed (Node 18+). Usage:
 *   const client = new PartnerSyncClient({ url: 'https://…/graphql', apiKey: process.env.API_KEY });
 *   const mirror = new MemoryMirror();
 *   await client.sync(mirror); // run nightly
 */

export type SyncEntity = 'LAO' | 'PLAN' | 'PROJECT' | 'REPORT';
export type MirroredRecord = { id: string; [field: string]: unknown };

/** Where a partner keeps its copy: a database in real life; `MemoryMirror` below for tests and trying out. */
export interface MirrorStore {
  checkpoint(): Promise<string | null>;
  setCheckpoint(horizon: string): Promise<void>;
  upsert(entity: SyncEntity, records: MirroredRecord[]): Promise<void>;
  remove(entity: SyncEntity, ids: string[]): Promise<void>;
}

export class MemoryMirror implements MirrorStore {
  readonly records: Record<SyncEntity, Map<string, MirroredRecord>> = {
    LAO: new Map(),
    PLAN: new Map(),
    PROJECT: new Map(),
    REPORT: new Map(),
  };
  private horizon: string | null = null;

  async checkpoint() {
    return this.horizon;
  }
  async setCheckpoint(horizon: string) {
    this.horizon = horizon;
  }
  async upsert(entity: SyncEntity, records: MirroredRecord[]) {
    for (const record of records) this.records[entity].set(record.id, record);
  }
  async remove(entity: SyncEntity, ids: string[]) {
    for (const id of ids) this.records[entity].delete(id);
  }
  /** Records of a kind ordered by id: handy for comparing mirrors. */
  sorted(entity: SyncEntity): MirroredRecord[] {
    return [...this.records[entity].values()].sort((a, b) => Number(a.id) - Number(b.id));
  }
}

/** The fields mirrored per kind; a partner picks what it needs (the schema documents each). */
export const selections: Record<SyncEntity, { list: string; fields: string }> = {
  LAO: {
    list: 'laos',
    fields: `id code nameTh type size province { id } district { id } address areaKm2 population
      revenueExcludingSubsidies revenueFromSubsidies chiefExecutiveName permanentSecretaryName website updatedAt`,
  },
  PLAN: {
    list: 'plans',
    fields: `id laoId fiscalYear status submittedAt updatedAt
      assessments { id verdict scoreSociety scoreAdministration scoreParticipation scoreOversight totalScore comments assessedAt }`,
  },
  PROJECT: {
    list: 'projects',
    fields: `id laoId name workType fiscalYears quarters primaryDimension additionalDimensions essence
      usesBudget antiCorruptionBudget localDevelopmentBudget targetGroups otherTargetGroup objectives remarks reviewStatus reviewReason reviewedAt
      withdrawnAt withdrawalReason
      createdAt updatedAt`,
  },
  REPORT: {
    list: 'reports',
    fields: `id projectId laoId fiscalYear round inOrdinance ordinanceBudget disbursed status unableReason
      unableReasonText remark version updatedAt`,
  },
};

export type SyncStats = {
  horizon: string;
  incremental: boolean;
  upserted: Record<SyncEntity, number>;
  deleted: number;
  requests: number;
};

type Page<T> = { edges: { node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

export class SyncError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export class PartnerSyncClient {
  private readonly url: string;
  private readonly apiKey: string;
  private readonly pageSize: number;
  private readonly entities: SyncEntity[];
  private requests = 0;

  constructor(options: { url: string; apiKey: string; pageSize?: number; entities?: SyncEntity[] }) {
    this.url = options.url;
    this.apiKey = options.apiKey;
    this.pageSize = options.pageSize ?? 500;
    this.entities = options.entities ?? ['LAO', 'PLAN', 'PROJECT', 'REPORT'];
  }

  /** One GraphQL request; a RATE_LIMITED answer is retried after the time the server asks for. */
  async request<T>(query: string, variables: Record<string, unknown> = {}, attempt = 0): Promise<T> {
    this.requests += 1;
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
    };
    const error = body.errors?.[0];
    if (error?.extensions?.code === 'RATE_LIMITED' && attempt < 5) {
      const seconds = error.extensions.retryAfterSeconds ?? 1;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      return this.request(query, variables, attempt + 1);
    }
    if (error || !body.data) throw new SyncError(error?.message ?? 'Empty answer', error?.extensions?.code);
    return body.data;
  }

  /** Full sync the first time, incremental afterwards. */
  async sync(store: MirrorStore): Promise<SyncStats> {
    this.requests = 0;
    const since = await store.checkpoint();
    const { syncHorizon } = await this.request<{ syncHorizon: string }>('{ syncHorizon }');
    const upserted = { LAO: 0, PLAN: 0, PROJECT: 0, REPORT: 0 };
    for (const entity of this.entities) {
      const { list, fields } = selections[entity];
      const query = `query Pull($first: Int!, $after: String, $since: DateTimeISO) {
        page: ${list}(first: $first, after: $after, updatedSince: $since) {
          edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`;
      let after: string | null = null;
      do {
        const { page }: { page: Page<MirroredRecord> } = await this.request(query, {
          first: this.pageSize,
          after,
          since,
        });
        await store.upsert(
          entity,
          page.edges.map((edge) => edge.node),
        );
        upserted[entity] += page.edges.length;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
    }
    let deleted = 0;
    if (since) {
      let after: string | null = null;
      do {
        const { page }: { page: Page<{ entity: SyncEntity; id: string }> } = await this.request(
          `query Deleted($since: DateTimeISO!, $first: Int!, $after: String, $entities: [SyncEntity!]) {
            page: deletedRecords(since: $since, first: $first, after: $after, entities: $entities) {
              edges { node { entity id } } pageInfo { hasNextPage endCursor } } }`,
          { since, first: 1000, after, entities: this.entities },
        );
        for (const entity of this.entities) {
          const ids = page.edges.filter((edge) => edge.node.entity === entity).map((edge) => edge.node.id);
          if (ids.length) await store.remove(entity, ids);
          deleted += ids.length;
        }
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
    }
    await store.setCheckpoint(syncHorizon);
    return { horizon: syncHorizon, incremental: since !== null, upserted, deleted, requests: this.requests };
  }
}
