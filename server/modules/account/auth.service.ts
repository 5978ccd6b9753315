import type { DataSource, EntityManager } from 'typeorm';
import {
  assertAcceptablePassword,
  hashPassword,
  verifyAgainstDecoy,
  verifyPassword,
} from '../../auth/password';
import { requireSignedIn } from '../../auth/policy';
import type { SignInThrottle } from '../../auth/sign-in-throttle';
import { Role } from '../../auth/role';
import type { Viewer as ViewerIdentity } from '../../auth/viewer';
import type { DirectoryClient } from '../../auth/directory';
import type { AppConfig } from '../../config';
import { AppError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { Province } from '../geo/province.entity';
import { Lao } from '../lao/lao.entity';
import { isProfileComplete } from '../lao/profile';
import { Account } from './account.entity';
import {
  AuthPayload,
  LoginPayload,
  SecondFactorEnrolled,
  SecondFactorEnrolment,
  Viewer,
} from './account.types';
import { mayUseSecondFactor } from './second-factor-rules';
import type { SecondFactorService } from './second-factor.service';
import type { RequestMeta, SessionService } from './session.service';
import { ChallengeKind } from './sign-in-challenge.entity';

/** The legacy wording; the same for an unknown user and a wrong password. */
export const invalidCredentials = (): AppError =>
  new AppError(ErrorCode.INVALID_CREDENTIALS, 'ไม่พบผู้ใช้งาน หรือรหัสผ่านไม่ถูกต้อง');

export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
    private readonly secondFactor: SecondFactorService,
    /** Null when LDAP_URL is not set. */
    private readonly directory: DirectoryClient | null,
  ) {}

  async login(
    meta: RequestMeta,
    username: string,
    password: string,
    deviceToken?: string | null,
  ): Promise<LoginPayload> {
    const name = username.trim();
    // Throttled by device token, (account, address), address and untrusted clients of the account.
    const attempt = await this.throttle.beginLogin(name, meta.clientAddress, deviceToken);
    const account = await this.dataSource.getRepository(Account).findOneBy({ username: name });
    if (!account || account.disabledAt || !(await this.passwordMatches(account, password))) {
      if (!account || account.disabledAt) await verifyAgainstDecoy(password, this.config.passwordHash);
      throw invalidCredentials();
    }
    await attempt.succeeded();
    if (account.mustChangePassword && this.usesDirectory(account)) {
      // The directory decides this password: nothing to change here.
      await this.dataSource.getRepository(Account).update({ id: account.id }, { mustChangePassword: false });
      account.mustChangePassword = false;
    }
    const step = this.secondFactor.pendingStep(account);
    if (step) {
      return {
        token: null,
        expiresAt: null,
        viewer: null,
        secondFactor: await this.secondFactor.challenge(account, step),
        // Issued once the sign-in is complete (after the second factor), never before.
        deviceToken: null,
      };
    }
    return { ...(await this.signInRemembered(account, meta)), secondFactor: null };
  }

  /** A session, and the device token that marks this client as one the account signed in from. */
  private async signInRemembered(account: Account, meta: RequestMeta): Promise<AuthPayload> {
    const payload = await this.signIn(account, meta);
    return { ...payload, deviceToken: await this.throttle.signedIn(account.username, meta.clientAddress) };
  }

  /** Whether the directory manages this account's password: staff marked so, with a directory configured. */
  private usesDirectory(account: Account): boolean {
    return this.directory !== null && account.usesDirectory && account.role !== Role.LAO;
  }

  /**
   * The directory decides a directory account's password (DIRECTORY_UNAVAILABLE when it cannot
   * be asked: no fallback to the local hash); every other account is checked against its hash.
   * LAO accounts never go to the directory.
   */
  private async passwordMatches(account: Account, password: string): Promise<boolean> {
    if (this.usesDirectory(account)) return this.directory!.verify(account.username, password);
    if (!account.passwordHash) {
      await verifyAgainstDecoy(password, this.config.passwordHash);
      return false;
    }
    return verifyPassword(account.passwordHash, password);
  }

  /** Second step of a sign-in: the authenticator code (or a recovery code) for the challenge. */
  async completeSecondFactorSignIn(
    meta: RequestMeta,
    challengeToken: string,
    code: { totpCode?: string | null; recoveryCode?: string | null },
  ): Promise<AuthPayload> {
    const open = await this.secondFactor.openChallenge(challengeToken, ChallengeKind.CODE);
    await this.secondFactor.verifyChallengeCode(open, code);
    const payload = await this.dataSource.transaction(async (manager) => {
      await this.secondFactor.spend(manager, open.challenge);
      return this.startSession(manager, open.account, meta);
    });
    return {
      ...payload,
      deviceToken: await this.throttle.signedIn(open.account.username, meta.clientAddress),
    };
  }

  /** Enrolment, signed in (account page) or with an enrolment-required challenge (administrators). */
  async startSecondFactorEnrolment(
    viewer: ViewerIdentity,
    challengeToken: string | null | undefined,
  ): Promise<SecondFactorEnrolment> {
    const { account } = await this.secondFactor.enrollingAccount(viewer, challengeToken);
    return this.secondFactor.start(account);
  }

  /**
   * Confirms the enrolment with a code from the app: the recovery codes (shown once), and with a
   * challenge the session the sign-in was waiting for.
   */
  async confirmSecondFactorEnrolment(
    viewer: ViewerIdentity,
    meta: RequestMeta,
    challengeToken: string | null | undefined,
    totpCode: string,
  ): Promise<SecondFactorEnrolled> {
    const { account, challenge } = await this.secondFactor.enrollingAccount(viewer, challengeToken);
    const enrolled = await this.dataSource.transaction(async (manager) => {
      const recoveryCodes = await this.secondFactor.confirm(manager, account.id, totpCode);
      if (!challenge) return { recoveryCodes, session: null };
      await this.secondFactor.spend(manager, challenge);
      const current = await manager.getRepository(Account).findOneByOrFail({ id: account.id });
      return { recoveryCodes, session: await this.startSession(manager, current, meta) };
    });
    // A sign-in completed by the enrolment: this client is now one the account signed in from.
    if (enrolled.session)
      enrolled.session.deviceToken = await this.throttle.signedIn(account.username, meta.clientAddress);
    return enrolled;
  }

  /** Turns one's own second factor off (a current code; not when the policy requires it). */
  async disableSecondFactor(viewer: ViewerIdentity, totpCode: string): Promise<Viewer> {
    const account = await this.secondFactor.disable(viewer, totpCode);
    const signedIn = requireSignedIn(viewer);
    return this.viewerOf(account, await this.sessions.sessionExpiry(signedIn.sessionId));
  }

  /** Starts a session for an account whose identity was just proven. */
  signIn(account: Account, meta: RequestMeta): Promise<AuthPayload> {
    return this.startSession(this.dataSource.manager, account, meta);
  }

  private async startSession(
    manager: EntityManager,
    account: Account,
    meta: RequestMeta,
  ): Promise<AuthPayload> {
    const session = await this.sessions.start(manager, account, meta);
    return {
      token: session.token,
      expiresAt: session.expiresAt,
      viewer: await this.viewerOf(account, session.expiresAt),
    };
  }

  async logout(viewer: ViewerIdentity): Promise<boolean> {
    const signedIn = requireSignedIn(viewer);
    await this.sessions.revoke(signedIn.sessionId);
    return true;
  }

  async changePassword(
    viewer: ViewerIdentity,
    meta: RequestMeta,
    current: string,
    next: string,
  ): Promise<AuthPayload> {
    const signedIn = requireSignedIn(viewer);
    const account = await this.dataSource.getRepository(Account).findOneByOrFail({ id: signedIn.accountId });
    if (this.usesDirectory(account))
      throw new AppError(
        ErrorCode.PASSWORD_MANAGED_BY_DIRECTORY,
        'บัญชีนี้ใช้รหัสผ่านของระบบบัญชีผู้ใช้ขององค์กร (ไดเรกทอรี) กรุณาเปลี่ยนรหัสผ่านที่ระบบขององค์กร',
      );
    const attempt = await this.throttle.beginPasswordCheck(signedIn.sessionId);
    if (!(await verifyPassword(account.passwordHash, current))) {
      throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'รหัสผ่านปัจจุบันไม่ถูกต้อง', {
        fields: [
          { field: 'currentPassword', constraints: ['invalidPassword'], message: 'รหัสผ่านปัจจุบันไม่ถูกต้อง' },
        ],
      });
    }
    await attempt.succeeded();
    assertAcceptablePassword(next, account.username);
    const passwordHash = await hashPassword(next, this.config.passwordHash);
    return this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(Account)
        .update(
          { id: account.id },
          { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false },
        );
      await this.sessions.revokeAll(manager, account.id);
      return this.startSession(manager, { ...account, mustChangePassword: false }, meta);
    });
  }

  /** The `viewer` query: null for anonymous callers. */
  async viewer(viewer: ViewerIdentity): Promise<Viewer | null> {
    if (viewer.kind !== 'account') return null;
    const account = await this.dataSource.getRepository(Account).findOneByOrFail({ id: viewer.accountId });
    return this.viewerOf(account, await this.sessions.sessionExpiry(viewer.sessionId));
  }

  private async viewerOf(account: Account, sessionExpiresAt: Date): Promise<Viewer> {
    const lao = account.laoId
      ? await this.dataSource.getRepository(Lao).findOneBy({ id: account.laoId })
      : null;
    const province = account.provinceId
      ? await this.dataSource.getRepository(Province).findOneBy({ id: account.provinceId })
      : null;
    return {
      account,
      lao,
      province,
      mustCompleteProfile: account.role === Role.LAO && !(lao && isProfileComplete(lao)),
      sessionExpiresAt,
      mustChangePassword: account.mustChangePassword,
      passwordManagedByDirectory: this.usesDirectory(account),
      secondFactorEnabled: this.secondFactor.enabled(account),
      secondFactorRequired: this.secondFactor.required(account),
      secondFactorAvailable: mayUseSecondFactor(account),
      recoveryCodesLeft: this.secondFactor.enabled(account)
        ? await this.secondFactor.recoveryCodesLeft(account.id)
        : 0,
    };
  }
}
