import { In, type DataSource, type EntityManager } from 'typeorm';
import { can, requireSignedIn } from '../../auth/policy';
import { Role } from '../../auth/role';
import type { Viewer } from '../../auth/viewer';
import type { AppConfig } from '../../config';
import { AppError, badInput, forbidden, notFound } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import type { Connection } from '../../graphql/connection';
import { keysetPage } from '../../graphql/keyset';
import type { MailQueue } from '../../mail/mail-queue';
import { staffInvitationMail } from '../../mail/templates';
import { Account } from '../account/account.entity';
import { clearSecondFactor } from '../account/second-factor.service';
import type { RequestMeta } from '../account/session.service';
import { PasswordReset } from '../account/password-reset.entity';
import type { PasswordResetService } from '../account/password-reset.service';
import type { SessionService } from '../account/session.service';
import { Province } from '../geo/province.entity';
import { Region } from '../geo/region.entity';
import { endSetupLinks, issueSetupLink } from './staff-invitation';
import { accountRoleOf, StaffRole, staffAccountRoles, staffRoleOf, staffRoleTh } from './staff-role';
import type {
  AssignProvinceRegionInput,
  InviteStaffInput,
  StaffAccountsArgs,
  UpdateStaffAccountInput,
} from './staff.inputs';
import type { StaffAccount } from './staff.types';

const lastAdministrator = (): AppError =>
  new AppError(
    ErrorCode.LAST_ADMINISTRATOR,
    'ไม่สามารถดำเนินการได้ เพราะบัญชีนี้เป็นผู้ดูแลระบบส่วนกลางคนสุดท้ายที่ใช้งานได้ กรุณากำหนดผู้ดูแลระบบคนอื่นก่อน',
  );

const invalidInvitation = (): AppError =>
  new AppError(
    ErrorCode.INVALID_RESET_TOKEN,
    'ลิงก์ตั้งรหัสผ่านไม่ถูกต้อง ถูกใช้ไปแล้ว หรือหมดอายุ กรุณาขอให้ผู้ดูแลระบบส่งคำเชิญใหม่',
  );

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A numeric id of an input field, or BAD_USER_INPUT naming the field. */
const numericId = (value: string, field: string, message: string): number => {
  if (!/^\d{1,4}$/.test(value)) throw badInput([{ field, constraints: ['invalidId'], message }]);
  return Number(value);
};

type Scope = { role: Role; administrator: boolean; provinceId: number | null; regionId: number | null };

/**
 * Staff accounts (issue 24): NACC central administrators invite, change, disable, re-enable
 * staff and reset their second factor; they also decide which provinces form each region.
 * Who may: `staff.manage` (policy.ts). The last enabled administrator cannot be disabled or
 * demoted (LAST_ADMINISTRATOR).
 */
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly passwordReset: PasswordResetService,
    private readonly mails: MailQueue,
    private readonly publicUrl: () => string,
  ) {}

  private requireAdministrator(viewer: Viewer) {
    const admin = requireSignedIn(viewer);
    if (!can(viewer, 'staff.manage')) throw forbidden();
    return admin;
  }

  async list(viewer: Viewer, args: StaffAccountsArgs): Promise<Connection<StaffAccount>> {
    this.requireAdministrator(viewer);
    const query = this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.province', 'province')
      .leftJoinAndSelect('a.region', 'region')
      .where('a.role IN (:...staffRoles)', { staffRoles: staffAccountRoles });
    if (args.staffRole) {
      const { role, administrator } = accountRoleOf(args.staffRole);
      query.andWhere('a.role = :role', { role });
      if (role === Role.NACC_CENTRAL) query.andWhere('a.administrator = :administrator', { administrator });
    }
    if (args.provinceId)
      query.andWhere('a.province_id = :provinceId', {
        provinceId: numericId(args.provinceId, 'provinceId', 'รหัสจังหวัดไม่ถูกต้อง'),
      });
    if (args.regionId)
      query.andWhere('a.region_id = :regionId', {
        regionId: numericId(args.regionId, 'regionId', 'รหัสภาคไม่ถูกต้อง'),
      });
    if (args.disabled === true) query.andWhere('a.disabled_at IS NOT NULL');
    if (args.disabled === false) query.andWhere('a.disabled_at IS NULL');
    const search = args.search?.trim();
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        '(a.username ILIKE :pattern OR a.display_name ILIKE :pattern OR a.email ILIKE :pattern)',
        {
          pattern,
        },
      );
    }
    const page = await keysetPage(query, [{ sql: 'a.username', type: 'text' }], args);
    const accounts = page.edges.map((edge) => edge.node);
    const invitations = await this.pendingInvitations(accounts.map((account) => account.id));
    return {
      ...page,
      edges: page.edges.map((edge) => ({
        cursor: edge.cursor,
        node: this.toStaff(edge.node, invitations.get(edge.node.id) ?? null),
      })),
    };
  }

  /** The newest unused, unexpired setup link per account that has not set a password yet. */
  private async pendingInvitations(accountIds: string[]): Promise<Map<string, Date>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(PasswordReset)
      .createQueryBuilder('r')
      .innerJoin('r.account', 'a')
      .select('r.account_id', 'accountId')
      .addSelect('max(r.expires_at)', 'expiresAt')
      .where('r.account_id IN (:...accountIds)', { accountIds })
      .andWhere('r.used_at IS NULL AND r.expires_at > now() AND a.activated_at IS NULL')
      .groupBy('r.account_id')
      .getRawMany<{ accountId: string; expiresAt: Date }>();
    return new Map(rows.map((row) => [row.accountId, new Date(row.expiresAt)]));
  }

  private toStaff(account: Account, invitationExpiresAt: Date | null): StaffAccount {
    return {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      email: account.email,
      staffRole: staffRoleOf(account) as StaffRole,
      role: account.role,
      province: account.province ?? null,
      region: account.region ?? null,
      usesDirectory: account.usesDirectory,
      secondFactorEnabled: account.totpEnabledAt !== null,
      disabledAt: account.disabledAt,
      activatedAt: account.activatedAt,
      invitationExpiresAt,
      lastLoginAt: account.lastLoginAt,
      createdAt: account.createdAt,
    };
  }

  /** One staff account as the list shows it. */
  private async staff(id: string): Promise<StaffAccount> {
    const account = await this.dataSource
      .getRepository(Account)
      .findOneOrFail({ where: { id }, relations: { province: true, region: true } });
    const invitations = await this.pendingInvitations([id]);
    return this.toStaff(account, invitations.get(id) ?? null);
  }

  /** The role, administrator flag and scope of a staff role; the scope checked against the data. */
  private async scopeOf(
    manager: EntityManager,
    input: { staffRole: StaffRole; provinceId?: string | null; regionId?: string | null },
  ): Promise<Scope> {
    const { role, administrator } = accountRoleOf(input.staffRole);
    if (role === Role.NACC_PROVINCE) {
      const message = 'กรุณาเลือกจังหวัดของสำนักงาน ป.ป.ช. ประจำจังหวัด';
      if (!input.provinceId) throw badInput([{ field: 'provinceId', constraints: ['required'], message }]);
      const provinceId = numericId(input.provinceId, 'provinceId', message);
      if (!(await manager.getRepository(Province).existsBy({ id: provinceId })))
        throw badInput([
          { field: 'provinceId', constraints: ['unknownProvince'], message: 'ไม่พบจังหวัดที่เลือก' },
        ]);
      return { role, administrator, provinceId, regionId: null };
    }
    if (role === Role.NACC_REGION) {
      const message = 'กรุณาเลือกภาคของสำนักงาน ป.ป.ช. ภาค (ภาค 1–9)';
      if (!input.regionId) throw badInput([{ field: 'regionId', constraints: ['required'], message }]);
      const regionId = numericId(input.regionId, 'regionId', message);
      if (!(await manager.getRepository(Region).existsBy({ id: regionId })))
        throw badInput([{ field: 'regionId', constraints: ['unknownRegion'], message }]);
      return { role, administrator, provinceId: null, regionId };
    }
    return { role, administrator, provinceId: null, regionId: null };
  }

  /**
   * Enqueues the invitation (or, for a directory account, how to sign in) in the transaction that
   * made the account or its link; the queue delivers it, retrying a failing mail server. Its key is
   * the setup link's (or, without one, the account's): each link is mailed once.
   */
  private async mailInvitation(
    manager: EntityManager,
    account: Account,
    link: { id: string; link: string; expiresAt: Date } | null,
  ) {
    if (!account.email) return;
    const mail = staffInvitationMail(account.email, {
      displayName: account.displayName,
      username: account.username,
      roleTh: staffRoleTh[staffRoleOf(account) as StaffRole],
      link: link?.link ?? null,
      expiresAt: link?.expiresAt ?? null,
    });
    await this.mails.enqueue(
      link ? `staff-invitation:${link.id}` : `staff-invitation:${account.id}:directory`,
      mail,
      manager,
    );
  }

  private setupLink(manager: EntityManager, accountId: string) {
    return issueSetupLink(manager, accountId, {
      ttlHours: this.config.staffInvitationTtlHours,
      publicUrl: this.publicUrl(),
    });
  }

  async invite(viewer: Viewer, input: InviteStaffInput): Promise<StaffAccount> {
    this.requireAdministrator(viewer);
    const username = input.username.trim().toLowerCase();
    const { account } = await this.dataSource.transaction(async (manager) => {
      const scope = await this.scopeOf(manager, input);
      if (await manager.getRepository(Account).existsBy({ username }))
        throw badInput([
          { field: 'username', constraints: ['taken'], message: 'ชื่อผู้ใช้งานนี้มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น' },
        ]);
      const account = await manager.getRepository(Account).save(
        manager.getRepository(Account).create({
          username,
          displayName: input.displayName.trim(),
          email: input.email.trim(),
          usesDirectory: input.usesDirectory,
          passwordHash: null,
          activatedAt: null,
          ...scope,
        }),
      );
      const link = input.usesDirectory ? null : await this.setupLink(manager, account.id);
      await this.mailInvitation(manager, account, link);
      return { account };
    });
    this.mails.wake();
    return this.staff(account.id);
  }

  /** A new link (the older ones stop working) for an account that has not set its password yet. */
  async resendInvitation(viewer: Viewer, accountId: string): Promise<StaffAccount> {
    this.requireAdministrator(viewer);
    const { account } = await this.dataSource.transaction(async (manager) => {
      const account = await this.lockStaff(manager, accountId);
      if (account.disabledAt)
        throw new AppError(ErrorCode.INVALID_STATE, 'บัญชีนี้ถูกระงับอยู่ กรุณาเปิดใช้งานบัญชีก่อนส่งคำเชิญใหม่');
      if (account.usesDirectory)
        throw new AppError(ErrorCode.INVALID_STATE, 'บัญชีนี้เข้าสู่ระบบด้วยบัญชีขององค์กร (directory) จึงไม่ต้องตั้งรหัสผ่าน');
      if (account.activatedAt)
        throw new AppError(
          ErrorCode.INVALID_STATE,
          'บัญชีนี้ตั้งรหัสผ่านแล้ว หากลืมรหัสผ่าน ให้ใช้ "ลืมรหัสผ่าน" ที่หน้าเข้าสู่ระบบ',
        );
      if (!account.email)
        throw new AppError(ErrorCode.INVALID_STATE, 'บัญชีนี้ยังไม่มีอีเมล กรุณาแก้ไขบัญชีและใส่อีเมลก่อน');
      await this.mailInvitation(manager, account, await this.setupLink(manager, account.id));
      return { account };
    });
    this.mails.wake();
    return this.staff(account.id);
  }

  /** A staff account locked for this change, or NOT_FOUND (LAO accounts are not staff). */
  private async lockStaff(manager: EntityManager, accountId: string): Promise<Account> {
    const account = idPattern.test(accountId)
      ? await manager.getRepository(Account).findOne({
          where: { id: accountId, role: In([...staffAccountRoles]) },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!account) throw notFound('บัญชีเจ้าหน้าที่');
    return account;
  }

  /**
   * The account, locked for a change of its role or state, with the check that the change
   * leaves an enabled administrator. Every administrator's row is locked first (in id order),
   * so two administrators demoting or disabling each other at once cannot both pass.
   */
  private async lockForChange(
    manager: EntityManager,
    accountId: string,
    staysEnabledAdministrator: boolean,
  ): Promise<Account> {
    const admins = await manager
      .getRepository(Account)
      .find({ where: { administrator: true }, lock: { mode: 'pessimistic_write' }, order: { id: 'ASC' } });
    const account = await this.lockStaff(manager, accountId);
    const enabled = admins.filter((admin) => admin.disabledAt === null);
    const isEnabledAdministrator = account.administrator && account.disabledAt === null;
    if (
      isEnabledAdministrator &&
      !staysEnabledAdministrator &&
      enabled.every((admin) => admin.id === account.id)
    )
      throw lastAdministrator();
    return account;
  }

  async update(viewer: Viewer, input: UpdateStaffAccountInput): Promise<StaffAccount> {
    this.requireAdministrator(viewer);
    await this.dataSource.transaction(async (manager) => {
      const scope = await this.scopeOf(manager, input);
      const account = await this.lockForChange(manager, input.accountId, scope.administrator);
      await manager.getRepository(Account).update(
        { id: account.id },
        {
          displayName: input.displayName.trim(),
          email: input.email.trim(),
          usesDirectory: input.usesDirectory,
          ...scope,
        },
      );
    });
    return this.staff(input.accountId);
  }

  /** Disabling ends every session of the account at once, and any outstanding setup link. */
  async disable(viewer: Viewer, accountId: string): Promise<StaffAccount> {
    this.requireAdministrator(viewer);
    await this.dataSource.transaction(async (manager) => {
      const account = await this.lockForChange(manager, accountId, false);
      const now = new Date();
      if (!account.disabledAt)
        await manager.getRepository(Account).update({ id: account.id }, { disabledAt: now });
      await this.sessions.revokeAll(manager, account.id);
      await endSetupLinks(manager, account.id, now);
    });
    return this.staff(accountId);
  }

  async enable(viewer: Viewer, accountId: string): Promise<StaffAccount> {
    this.requireAdministrator(viewer);
    await this.dataSource.transaction(async (manager) => {
      const account = await this.lockStaff(manager, accountId);
      await manager.getRepository(Account).update({ id: account.id }, { disabledAt: null });
    });
    return this.staff(accountId);
  }

  /**
   * The account's second factor is removed (a lost phone): it signs in with its password
   * alone until it enrols again (administrators are asked to enrol at their next sign-in).
   */
  async resetSecondFactor(viewer: Viewer, accountId: string): Promise<StaffAccount> {
    this.requireAdministrator(viewer);
    await this.dataSource.transaction(async (manager) => {
      const account = await this.lockStaff(manager, accountId);
      // The secret, the recovery codes and any sign-in waiting for a code, all at once.
      await clearSecondFactor(manager, account.id);
      await this.sessions.revokeAll(manager, account.id);
    });
    return this.staff(accountId);
  }

  /** The invitation's link sets the first password; the account then signs in as usual. */
  acceptInvitation(meta: RequestMeta, token: string, newPassword: string): Promise<boolean> {
    return this.passwordReset.reset(meta, token, newPassword, invalidInvitation);
  }

  /** Regions 1–9 in order (any NACC account reads them). */
  regions(): Promise<Region[]> {
    return this.dataSource.getRepository(Region).find({ order: { id: 'ASC' } });
  }

  /** The provinces of a region, in Thai order. */
  regionProvinces(regionId: number): Promise<Province[]> {
    return this.dataSource.getRepository(Province).find({ where: { regionId }, order: { nameTh: 'ASC' } });
  }

  /**
   * NACC central administrators decide which provinces form each region; a regional office
   * reaches exactly its region's provinces from its next request on.
   */
  async assignProvinceRegion(viewer: Viewer, input: AssignProvinceRegionInput): Promise<Province> {
    this.requireAdministrator(viewer);
    const provinceId = numericId(input.provinceId, 'provinceId', 'รหัสจังหวัดไม่ถูกต้อง');
    const regionId = input.regionId ? numericId(input.regionId, 'regionId', 'รหัสภาคไม่ถูกต้อง') : null;
    const provinces = this.dataSource.getRepository(Province);
    const province = await provinces.findOneBy({ id: provinceId });
    if (!province) throw notFound('จังหวัด');
    if (regionId !== null && !(await this.dataSource.getRepository(Region).existsBy({ id: regionId })))
      throw badInput([
        { field: 'regionId', constraints: ['unknownRegion'], message: 'ไม่พบภาคที่เลือก (ภาค 1–9)' },
      ]);
    await provinces.update({ id: provinceId }, { regionId });
    return { ...province, regionId };
  }

  /** The provinces an account reaches: its province, its region's provinces, or none (central, LAO). */
  async reachOf(account: Pick<Account, 'role' | 'provinceId' | 'regionId'>): Promise<Province[]> {
    if (account.role === Role.NACC_PROVINCE && account.provinceId !== null)
      return this.dataSource.getRepository(Province).findBy({ id: account.provinceId });
    if (account.role === Role.NACC_REGION && account.regionId !== null)
      return this.regionProvinces(account.regionId);
    return [];
  }

  region(regionId: number | null): Promise<Region | null> {
    return regionId === null
      ? Promise.resolve(null)
      : this.dataSource.getRepository(Region).findOneBy({ id: regionId });
  }
}
