import { timingSafeEqual } from 'node:crypto';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { assertAcceptablePassword, hashPassword } from '../../auth/password';
import { can, requireAccess, requireCan, requireSignedIn } from '../../auth/policy';
import type { SignInThrottle } from '../../auth/sign-in-throttle';
import { Role } from '../../auth/role';
import { digest, newActivationCode, normalizeActivationCode } from '../../auth/secrets';
import type { Viewer } from '../../auth/viewer';
import type { AppConfig } from '../../config';
import { AppError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { Lao } from '../lao/lao.entity';
import { Account } from './account.entity';
import type { AuthPayload, IssuedActivationCode } from './account.types';
import { ActivationCode } from './activation-code.entity';
import type { AuthService } from './auth.service';
import type { RequestMeta, SessionService } from './session.service';

const invalidActivation = (): AppError =>
  new AppError(
    ErrorCode.INVALID_ACTIVATION_CODE,
    'รหัส อปท. หรือรหัสเปิดใช้งานไม่ถูกต้อง หรือรหัสเปิดใช้งานหมดอายุ/ถูกใช้ไปแล้ว กรุณาติดต่อสำนักงาน ป.ป.ช. เพื่อขอรหัสใหม่',
  );

/**
 * First use of an LAO account. Knowing the public 7-digit code grants nothing:
 * NACC issues a one-time activation code (DOMAIN.md, Accounts — Decision).
 */
export class ActivationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly throttle: SignInThrottle,
  ) {}

  async issue(viewer: Viewer, laoId: number): Promise<IssuedActivationCode> {
    const issuer = requireSignedIn(viewer);
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: laoId });
    requireCan(viewer, 'lao.manageAccess', lao, lao, 'อปท.');
    const [issued] = await this.issueFor(issuer.accountId, [lao as Lao]);
    return issued;
  }

  async issueForProvince(
    viewer: Viewer,
    provinceId: number,
    includeActivated: boolean,
  ): Promise<IssuedActivationCode[]> {
    const issuer = requireSignedIn(viewer);
    requireAccess(can(viewer, 'province.manageAccess', { provinceId }), provinceId, 'จังหวัด');
    const query = this.dataSource
      .getRepository(Lao)
      .createQueryBuilder('lao')
      .where('lao.province_id = :provinceId', { provinceId })
      .orderBy('lao.code');
    if (!includeActivated) {
      query.andWhere(
        'NOT EXISTS (SELECT 1 FROM account a WHERE a.lao_id = lao.id AND a.activated_at IS NOT NULL)',
      );
    }
    return this.issueFor(issuer.accountId, await query.getMany());
  }

  /** Revokes every outstanding code of an LAO; returns how many. */
  async revoke(viewer: Viewer, laoId: number): Promise<number> {
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: laoId });
    requireCan(viewer, 'lao.manageAccess', lao, lao, 'อปท.');
    const result = await this.dataSource
      .getRepository(ActivationCode)
      .update({ laoId, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Issuing a new code revokes the LAO's older outstanding ones. */
  private issueFor(issuerId: string, laos: Lao[]): Promise<IssuedActivationCode[]> {
    if (laos.length === 0) return Promise.resolve([]);
    const expiresAt = new Date(Date.now() + this.config.activationCodeTtlHours * 3600 * 1000);
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ActivationCode);
      const laoIds = laos.map((lao) => lao.id);
      await repo
        .createQueryBuilder()
        .update()
        .set({ revokedAt: () => 'now()' })
        .where('lao_id IN (:...laoIds) AND used_at IS NULL AND revoked_at IS NULL', { laoIds })
        .execute();
      const issued = laos.map((lao) => ({ lao, code: newActivationCode(), expiresAt }));
      await repo.insert(
        issued.map(({ lao, code }) => ({
          laoId: lao.id,
          codeHash: digest(normalizeActivationCode(code)),
          issuedByAccountId: issuerId,
          expiresAt,
        })),
      );
      return issued;
    });
  }

  async activate(
    meta: RequestMeta,
    laoCode: string,
    activationCode: string,
    password: string,
  ): Promise<AuthPayload> {
    // Per (LAO, address) and per address only: guesses elsewhere never block the LAO's real code.
    const attempt = await this.throttle.beginActivation(laoCode, meta.clientAddress);
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ code: laoCode });
    if (!lao) throw invalidActivation();
    const presented = Buffer.from(digest(normalizeActivationCode(activationCode)));
    const candidates = await this.dataSource.getRepository(ActivationCode).findBy({
      laoId: lao.id,
      usedAt: IsNull(),
      revokedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    const match = candidates.find((candidate) => timingSafeEqual(Buffer.from(candidate.codeHash), presented));
    if (!match) throw invalidActivation();
    assertAcceptablePassword(password, lao.code);
    const passwordHash = await hashPassword(password, this.config.passwordHash);

    const account = await this.dataSource.transaction(async (manager) => {
      // Conditional update: of two concurrent activations with one code, one wins.
      const used = await manager
        .getRepository(ActivationCode)
        .update({ id: match.id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: new Date() });
      if (used.affected !== 1) throw invalidActivation();
      const accounts = manager.getRepository(Account);
      const now = new Date();
      const existing = await accounts.findOneBy({ laoId: lao.id });
      if (existing) {
        // Re-activation (a lost account handed back by NACC): new password, every session ends.
        await accounts.update(
          { id: existing.id },
          { passwordHash, activatedAt: now, passwordChangedAt: now, mustChangePassword: false },
        );
        await this.sessions.revokeAll(manager, existing.id);
        return accounts.findOneByOrFail({ id: existing.id });
      }
      return accounts.save(
        accounts.create({
          username: lao.code,
          role: Role.LAO,
          laoId: lao.id,
          provinceId: null,
          displayName: lao.nameTh,
          email: null,
          passwordHash,
          activatedAt: now,
          passwordChangedAt: now,
        }),
      );
    });
    await attempt.succeeded();
    const payload = await this.auth.signIn(account, meta);
    return { ...payload, deviceToken: await this.throttle.signedIn(account.username, meta.clientAddress) };
  }
}
