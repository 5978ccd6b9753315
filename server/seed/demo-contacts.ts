import type { EntityManager } from 'typeorm';
import { ContactChannels } from '../modules/help/contact-channels.entity';

/**
 * The demo's contact channels (what a NACC administrator would set): the help-desk number the
 * legacy manual gives (seed 002, 004 §13), example addresses for the rest, and NACC's web site as
 * the complaint channel. A database without demo data shows no channel until NACC sets them.
 */
export const demoContactChannels = {
  phone: '02-528-4800 ต่อ 3408',
  email: 'eplan.help@example.go.th',
  lineId: '@eplan-demo',
  lineUrl: 'https://line.me/R/ti/p/@eplan-demo',
  officeHours: 'วันจันทร์–วันศุกร์ เวลา 08.30–16.30 น. (เว้นวันหยุดราชการ)',
  complaintUrl: 'https://www.nacc.go.th/',
};

export const seedDemoContacts = async (manager: EntityManager, naccAccountId: string): Promise<void> => {
  await manager
    .createQueryBuilder()
    .insert()
    .into(ContactChannels)
    .values({ id: 1, ...demoContactChannels, updatedByAccountId: naccAccountId })
    .orIgnore()
    .execute();
};
