import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client, InvalidCredentialsError } from 'ldapts';
import type { DirectoryConfig } from '../config';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { log } from '../request-scope';

export const directoryUnavailable = (): AppError =>
  new AppError(
    ErrorCode.DIRECTORY_UNAVAILABLE,
    'ขณะนี้ติดต่อระบบบัญชีผู้ใช้ขององค์กร (ไดเรกทอรี) ไม่ได้ จึงตรวจสอบรหัสผ่านไม่ได้ กรุณาลองใหม่ในอีกสักครู่ หากยังไม่ได้ให้แจ้งฝ่ายเทคโนโลยีสารสนเทศของสำนักงาน ป.ป.ช.',
  );

/**
 * Escapes a value for one RDN of a DN (RFC 4514 §2.4): `\` `,` `+` `"` `<` `>` `;` `=`, a
 * leading `#` or space, a trailing space, and control characters (as `\XX`). A user name
 * can then never add RDNs or change the bind's place in the tree.
 */
export const escapeDnValue = (value: string): string => {
  let escaped = '';
  for (const [index, char] of [...value].entries()) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) escaped += `\\${code.toString(16).padStart(2, '0').toUpperCase()}`;
    else if ('\\,+"<>;='.includes(char)) escaped += `\\${char}`;
    else if ((index === 0 && (char === '#' || char === ' ')) || (index === value.length - 1 && char === ' '))
      escaped += `\\${char}`;
    else escaped += char;
  }
  return escaped;
};

/** The names to bind as, in order (the DN template first, then the UPN, as the legacy did). */
export const bindNamesOf = (config: DirectoryConfig, username: string): string[] => {
  const names: string[] = [];
  if (config.bindDnTemplate)
    names.push(config.bindDnTemplate.split('{username}').join(escapeDnValue(username)));
  // A UPN is user@domain: a name that carries its own @ or control characters is no user of this domain.
  if (config.upnSuffix && !/[@\s\\]/.test(username)) names.push(`${username}@${config.upnSuffix}`);
  return names;
};

/**
 * Simple bind against the organisation's directory: it decides the password of staff accounts
 * marked `usesDirectory`. Nothing else is read from it (the local account decides role and scope).
 */
export class DirectoryClient {
  private readonly tlsOptions: ConnectionOptions;

  constructor(private readonly config: DirectoryConfig) {
    this.tlsOptions = {
      rejectUnauthorized: config.tlsRejectUnauthorized,
      ...(config.tlsCaFile ? { ca: [readFileSync(config.tlsCaFile)] } : {}),
    };
  }

  /**
   * True when the directory accepts the password, false when it refuses it; DIRECTORY_UNAVAILABLE
   * when it cannot be asked (down, timeout, TLS failure): never a fallback to something weaker.
   */
  async verify(username: string, password: string): Promise<boolean> {
    // An empty password is an unauthenticated bind (RFC 4513 §5.1.2), which "succeeds".
    if (password.length === 0) return false;
    for (const name of bindNamesOf(this.config, username)) {
      const client = new Client({
        url: this.config.url,
        connectTimeout: this.config.connectTimeoutMs,
        timeout: this.config.timeoutMs,
        // ldaps:// only: given to an ldap:// client, ldapts breaks the StartTLS handshake.
        ...(/^ldaps:/i.test(this.config.url) ? { tlsOptions: this.tlsOptions } : {}),
        strictDN: false,
      });
      try {
        if (this.config.startTls) await client.startTLS(this.tlsOptions);
        await client.bind(name, password);
        return true;
      } catch (error) {
        if (error instanceof InvalidCredentialsError) continue;
        log().error({ err: error }, 'Directory (LDAP) sign-in failed');
        throw directoryUnavailable();
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }
    return false;
  }
}
