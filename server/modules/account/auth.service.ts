import type { DataSource, EntityManager } from 'typeorm';
import {
  assertAcceptablePassword,
  hashPassword,
  verifyAgainstDecoy,
  verifyPassword,
} from '../../auth/password';
import { requireSignedIn } from '../../auth/policy';
import type { RateLimits } from '../../auth/rate-limit';
import { Role } from '../../auth/role';
import type { Viewer as ViewerIdentity } from '../../auth/viewer';
import type { AppConfig } from '../../config';
import { AppError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { Province } from '../geo/province.entity';
import { Lao } from '../lao/lao.entity';
import { isProfileComplete } from '../lao/profile';
import { Account } from './account.entity';
import { AuthPayload, Viewer } from './account.types';
import type { RequestMeta, SessionService } from './session.service';

/** The legacy wording; the same for an unknown user and a wrong password. */
export const invalidCredentials = (): AppError =>
  new AppError(ErrorCode.INVALID_CREDENTIALS, 'ไม่พบผู้ใช้งาน หรือรหัสผ่านไม่ถูกต้อง');

export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly rateLimits: RateLimits,
  ) {}

  async login(meta: RequestMeta, username: string, password: string): Promise<AuthPayload> {
    const name = username.trim();
    await this.rateLimits.consume('login', name, meta.clientAddress);
    const account = await this.dataSource.getRepository(Account).findOneBy({ username: name });
    if (!account?.passwordHash || account.disabledAt) {
      await verifyAgainstDecoy(password, this.config.passwordHash);
      throw invalidCredentials();
    }
    if (!(await verifyPassword(account.passwordHash, password))) throw invalidCredentials();
    await this.rateLimits.clear('login', name);
    return this.signIn(account, meta);
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
    await this.rateLimits.consume('login', account.username, meta.clientAddress);
    if (!(await verifyPassword(account.passwordHash, current))) {
      throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'รหัสผ่านปัจจุบันไม่ถูกต้อง', {
        fields: [
          { field: 'currentPassword', constraints: ['invalidPassword'], message: 'รหัสผ่านปัจจุบันไม่ถูกต้อง' },
        ],
      });
    }
    await this.rateLimits.clear('login', account.username);
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
      mustChangePassword: account.mustChangePassword,
      sessionExpiresAt,
    };
  }
}
