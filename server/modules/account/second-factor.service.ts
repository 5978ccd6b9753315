import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { requireSignedIn } from '../../auth/policy';
import { digest } from '../../auth/secrets';
import {
  SecretBox,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeDigest,
  totpUri,
  verifyTotp,
} from '../../auth/totp';
import type { Viewer as ViewerIdentity } from '../../auth/viewer';
import type { AppConfig } from '../../config';
import { AppError, forbidden } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { Account } from './account.entity';
import { SecondFactorChallenge, SecondFactorEnrolment, SecondFactorStep } from './account.types';
import { RecoveryCode } from './recovery-code.entity';
import {
  codeFailureWindowMinutes,
  maxCodeAttemptsPerChallenge,
  maxCodeFailuresPerAccount,
  mayUseSecondFactor,
  secondFactorRequired,
} from './second-factor-rules';
import { ChallengeKind, SignInChallenge } from './sign-in-challenge.entity';

export const invalidSecondFactor = (): AppError =>
  new AppError(
    ErrorCode.INVALID_SECOND_FACTOR,
    'รหัสยืนยันไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว กรุณากรอกรหัส 6 หลักล่าสุดจากแอปยืนยันตัวตน หรือรหัสกู้คืนที่ยังไม่เคยใช้',
  );

const challengeExpired = (): AppError =>
  new AppError(
    ErrorCode.SECOND_FACTOR_CHALLENGE_EXPIRED,
    'การเข้าสู่ระบบครั้งนี้หมดเวลา ถูกใช้ไปแล้ว หรือกรอกรหัสผิดหลายครั้งเกินไป กรุณากรอกชื่อผู้ใช้งานและรหัสผ่านใหม่อีกครั้ง',
  );

/**
 * Clears an account's second factor: its secret, the confirmation, the last step used and every
 * recovery code (the staff administrators' "reset second factor" calls it; the account enrols
 * again at its next sign-in if the policy requires one).
 */
export const clearSecondFactor = async (manager: EntityManager, accountId: string): Promise<void> => {
  await manager
    .getRepository(Account)
    .update({ id: accountId }, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
  await manager.getRepository(RecoveryCode).delete({ accountId });
  await manager
    .createQueryBuilder()
    .update(SignInChallenge)
    .set({ usedAt: () => 'now()' })
    .where('account_id = :accountId AND used_at IS NULL', { accountId })
    .execute();
};

/** The account a challenge token names, and what the challenge still owes. */
export type OpenChallenge = { challenge: SignInChallenge; account: Account };

/**
 * The staff second factor (TOTP + recovery codes): half-finished sign-ins, enrolment, checking a
 * code, turning it off. Sessions are started by AuthService once a challenge is met.
 */
export class SecondFactorService {
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.box = SecretBox.fromConfig(config.secondFactor.key, config.jwt.secret);
  }

  required(account: Account): boolean {
    return secondFactorRequired(account, this.config.secondFactor.policy);
  }

  enabled(account: Account): boolean {
    return mayUseSecondFactor(account) && account.totpEnabledAt !== null && account.totpSecret !== null;
  }

  recoveryCodesLeft(accountId: string): Promise<number> {
    return this.dataSource.getRepository(RecoveryCode).countBy({ accountId, usedAt: IsNull() });
  }

  /** What a sign-in that proved the password still owes, or null (a session may start now). */
  pendingStep(account: Account): SecondFactorStep | null {
    if (!mayUseSecondFactor(account)) return null;
    if (this.enabled(account)) return SecondFactorStep.CODE_REQUIRED;
    return this.required(account) ? SecondFactorStep.ENROLMENT_REQUIRED : null;
  }

  async challenge(account: Account, step: SecondFactorStep): Promise<SecondFactorChallenge> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      this.config.now().getTime() + this.config.secondFactor.challengeTtlSeconds * 1000,
    );
    await this.dataSource.getRepository(SignInChallenge).insert({
      accountId: account.id,
      kind: step === SecondFactorStep.CODE_REQUIRED ? ChallengeKind.CODE : ChallengeKind.ENROLMENT,
      tokenDigest: digest(token),
      expiresAt,
    });
    return { token, step, expiresAt };
  }

  /** The open challenge of a token, of the kind wanted; SECOND_FACTOR_CHALLENGE_EXPIRED otherwise. */
  async openChallenge(token: string, kind: ChallengeKind): Promise<OpenChallenge> {
    const challenge = await this.dataSource
      .getRepository(SignInChallenge)
      .findOneBy({ tokenDigest: digest(token) });
    if (
      !challenge ||
      challenge.kind !== kind ||
      challenge.usedAt !== null ||
      challenge.expiresAt.getTime() <= this.config.now().getTime() ||
      challenge.failedAttempts >= maxCodeAttemptsPerChallenge
    )
      throw challengeExpired();
    const account = await this.dataSource.getRepository(Account).findOneBy({ id: challenge.accountId });
    if (!account || account.disabledAt) throw challengeExpired();
    return { challenge, account };
  }

  /** Marks a challenge used (exactly once: of two concurrent completions, one wins). */
  async spend(manager: EntityManager, challenge: SignInChallenge): Promise<void> {
    const spent = await manager
      .createQueryBuilder()
      .update(SignInChallenge)
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL', { id: challenge.id })
      .execute();
    if (spent.affected !== 1) throw challengeExpired();
  }

  /**
   * Checks a code of a CODE challenge: a TOTP code of the account (never one already used) or
   * an unused recovery code (then used up). A wrong one counts against the challenge and the account.
   */
  async verifyChallengeCode(
    open: OpenChallenge,
    code: { totpCode?: string | null; recoveryCode?: string | null },
  ): Promise<void> {
    const { account, challenge } = open;
    const [{ failures }] = await this.dataSource.query<{ failures: number }[]>(
      `SELECT coalesce(sum(failed_attempts), 0)::int AS failures FROM sign_in_challenge
        WHERE account_id = $1 AND created_at > now() - make_interval(mins => $2)`,
      [account.id, codeFailureWindowMinutes],
    );
    if (failures >= maxCodeFailuresPerAccount) throw challengeExpired();
    const accepted = code.recoveryCode
      ? await this.useRecoveryCode(account.id, code.recoveryCode)
      : code.totpCode
        ? await this.useTotp(account, code.totpCode)
        : false;
    if (!accepted) {
      await this.dataSource
        .getRepository(SignInChallenge)
        .increment({ id: challenge.id }, 'failedAttempts', 1);
      throw invalidSecondFactor();
    }
  }

  /** A TOTP code of the account's confirmed (or, while enrolling, pending) secret; remembered against replay. */
  private async useTotp(account: Account, code: string): Promise<boolean> {
    if (!account.totpSecret) return false;
    const secret = this.box.open(account.totpSecret, account.id);
    const lastStep = account.totpLastStep === null ? null : Number(account.totpLastStep);
    const step = verifyTotp(secret, code, lastStep, this.config.now());
    if (step === null) return false;
    // Conditional: of two concurrent sign-ins with the same code, one wins.
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Account)
      .set({ totpLastStep: String(step) })
      .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', { id: account.id, step })
      .execute();
    return result.affected === 1;
  }

  private async useRecoveryCode(accountId: string, code: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(RecoveryCode)
      .set({ usedAt: () => 'now()' })
      .where('account_id = :accountId AND code_digest = :digest AND used_at IS NULL', {
        accountId,
        digest: recoveryCodeDigest(code),
      })
      .execute();
    return result.affected === 1;
  }

  /** The account enrolling: the signed-in staff member, or the holder of an enrolment challenge. */
  async enrollingAccount(
    viewer: ViewerIdentity,
    challengeToken: string | null | undefined,
  ): Promise<OpenChallenge | { challenge: null; account: Account }> {
    if (challengeToken) return this.openChallenge(challengeToken, ChallengeKind.ENROLMENT);
    const signedIn = requireSignedIn(viewer);
    const account = await this.dataSource.getRepository(Account).findOneByOrFail({ id: signedIn.accountId });
    return { challenge: null, account };
  }

  /** Starts (or restarts) an enrolment: a new secret, kept pending until a code confirms it. */
  async start(account: Account): Promise<SecondFactorEnrolment> {
    if (!mayUseSecondFactor(account)) throw forbidden();
    if (this.enabled(account))
      throw new AppError(
        ErrorCode.INVALID_STATE,
        'บัญชีนี้เปิดใช้การยืนยันตัวตนสองขั้นตอนอยู่แล้ว หากต้องการเปลี่ยนอุปกรณ์ กรุณาปิดก่อนแล้วลงทะเบียนใหม่',
      );
    const secret = newTotpSecret();
    await this.dataSource
      .getRepository(Account)
      .update({ id: account.id }, { totpSecret: this.box.seal(secret, account.id), totpLastStep: null });
    const otpauthUri = totpUri(secret, this.config.secondFactor.issuer, account.username);
    const svg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return {
      secret,
      otpauthUri,
      qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  }

  /**
   * Confirms the pending secret with a code from the app; returns the recovery codes (shown
   * once, stored as digests). The code confirming counts as used (no replay).
   */
  async confirm(manager: EntityManager, accountId: string, code: string): Promise<string[]> {
    const account = await manager.getRepository(Account).findOneByOrFail({ id: accountId });
    if (!mayUseSecondFactor(account)) throw forbidden();
    if (this.enabled(account) || !account.totpSecret)
      throw new AppError(
        ErrorCode.INVALID_STATE,
        'ยังไม่ได้เริ่มลงทะเบียนแอปยืนยันตัวตน หรือลงทะเบียนไว้แล้ว กรุณาเริ่มใหม่จากหน้าบัญชีผู้ใช้',
      );
    if (!(await this.useTotp(account, code))) throw invalidSecondFactor();
    const codes = newRecoveryCodes();
    await manager.getRepository(RecoveryCode).delete({ accountId });
    await manager
      .getRepository(RecoveryCode)
      .insert(codes.map((recoveryCode) => ({ accountId, codeDigest: recoveryCodeDigest(recoveryCode) })));
    await manager.getRepository(Account).update({ id: accountId }, { totpEnabledAt: new Date() });
    return codes;
  }

  /** Turns one's own second factor off with a current code, when the policy does not require it. */
  async disable(viewer: ViewerIdentity, totpCode: string): Promise<Account> {
    const signedIn = requireSignedIn(viewer);
    const account = await this.dataSource.getRepository(Account).findOneByOrFail({ id: signedIn.accountId });
    if (this.required(account))
      throw new AppError(
        ErrorCode.SECOND_FACTOR_REQUIRED,
        'บัญชีของท่านต้องใช้การยืนยันตัวตนสองขั้นตอนตามนโยบายของสำนักงาน จึงปิดไม่ได้ หากเปลี่ยนโทรศัพท์ ให้ผู้ดูแลระบบรีเซ็ตแล้วลงทะเบียนใหม่',
      );
    if (!this.enabled(account))
      throw new AppError(ErrorCode.INVALID_STATE, 'บัญชีนี้ยังไม่ได้เปิดใช้การยืนยันตัวตนสองขั้นตอน');
    if (!(await this.useTotp(account, totpCode))) throw invalidSecondFactor();
    await this.dataSource.transaction((manager) => clearSecondFactor(manager, account.id));
    return this.dataSource.getRepository(Account).findOneByOrFail({ id: account.id });
  }
}
