import type { DataSource } from 'typeorm';
import { can, requireSignedIn } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { conflict, forbidden } from '../../errors/app-error';
import type { HistoryService } from '../history/history.service';
import { ContactChannels } from './contact-channels.entity';

export type ContactChannelsFields = Pick<
  ContactChannels,
  'phone' | 'email' | 'lineId' | 'lineUrl' | 'officeHours' | 'complaintUrl'
>;

const fieldNames = ['phone', 'email', 'lineId', 'lineUrl', 'officeHours', 'complaintUrl'] as const;

/** What shows while NACC has set nothing: no channel at all (never made-up numbers). */
const unset = (): ContactChannels =>
  Object.assign(new ContactChannels(), {
    id: 1,
    phone: null,
    email: null,
    lineId: null,
    lineUrl: null,
    officeHours: null,
    complaintUrl: null,
    updatedByAccountId: null,
    version: 0,
    updatedAt: null,
  });

/** Blank is "not set"; text is stored trimmed. */
const clean = (input: Partial<Record<(typeof fieldNames)[number], string | null>>): ContactChannelsFields =>
  Object.fromEntries(
    fieldNames.map((name) => {
      const value = input[name]?.trim();
      return [name, value ? value : null];
    }),
  ) as ContactChannelsFields;

/** NACC's contact channels: everyone reads them; NACC central administrators set them. */
export class ContactChannelsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
  ) {}

  async get(): Promise<ContactChannels> {
    return (await this.dataSource.getRepository(ContactChannels).findOneBy({ id: 1 })) ?? unset();
  }

  async set(
    viewer: Viewer,
    input: Partial<ContactChannelsFields> & { version?: number | null },
  ): Promise<ContactChannels> {
    const actor = requireSignedIn(viewer);
    if (!can(viewer, 'help.editContacts')) throw forbidden();
    const fields = clean(input);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ContactChannels);
      const before = await repository.findOne({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
      // The editor saw version N (0: nothing set yet); a change by another administrator since is not overwritten.
      if (input.version != null && (before?.version ?? 0) !== input.version) throw conflict();
      if (before) {
        await repository.update(
          { id: 1 },
          { ...fields, updatedByAccountId: actor.accountId, version: before.version + 1 },
        );
      } else {
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(ContactChannels)
          .values({ id: 1, ...fields, updatedByAccountId: actor.accountId })
          .orIgnore()
          .execute();
        if ((inserted.raw as unknown[]).length === 0) throw conflict();
      }
      const after = await repository.findOneByOrFail({ id: 1 });
      await this.history.record(manager, actor, [
        {
          entityType: 'CONTACT_CHANNELS',
          entityId: 1,
          laoId: null,
          action: before ? 'UPDATE' : 'CREATE',
          before,
          after,
        },
      ]);
      return after;
    });
  }
}
