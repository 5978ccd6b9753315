import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { parseId } from '../../graphql/ids';
import {
  ActivateAccountInput,
  ChangePasswordInput,
  CompleteSecondFactorSignInInput,
  ConfirmSecondFactorEnrolmentInput,
  DisableSecondFactorInput,
  IssueProvinceCodesInput,
  LoginInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
} from './account.inputs';
import {
  AuthPayload,
  IssuedActivationCode,
  LoginPayload,
  SecondFactorEnrolled,
  SecondFactorEnrolment,
  Viewer,
} from './account.types';

const meta = (ctx: Context) => ({ clientAddress: ctx.clientAddress, userAgent: ctx.userAgent });

@Resolver()
export class AuthResolver {
  @Query(() => Viewer, { nullable: true, description: 'The signed-in caller, or null when anonymous.' })
  viewer(@Ctx() ctx: Context): Promise<Viewer | null> {
    return ctx.services.auth.viewer(ctx.viewer);
  }

  @Mutation(() => LoginPayload, {
    description:
      'Sign in. Wrong credentials answer INVALID_CREDENTIALS without saying which part was wrong; staff whose password the organisation’s directory decides get DIRECTORY_UNAVAILABLE when it cannot be reached. Staff with a second factor (or who must enrol one) get `secondFactor` instead of a session.',
  })
  login(
    @Arg('input', { description: 'What to submit.' }) input: LoginInput,
    @Ctx() ctx: Context,
  ): Promise<LoginPayload> {
    return ctx.services.auth.login(meta(ctx), input.username, input.password, input.deviceToken);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Second step of a staff sign-in: the code from the authenticator app, or a recovery code, for the challenge `login` returned. Wrong: INVALID_SECOND_FACTOR; expired, used or too many wrong codes: SECOND_FACTOR_CHALLENGE_EXPIRED.',
  })
  completeSecondFactorSignIn(
    @Arg('input', { description: 'What to submit.' }) input: CompleteSecondFactorSignInInput,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return ctx.services.auth.completeSecondFactorSignIn(meta(ctx), input.challengeToken, input);
  }

  @Mutation(() => SecondFactorEnrolment, {
    description:
      'Staff: start enrolling an authenticator app (a new secret, its QR code). Signed in, or with an enrolment-required challenge from `login`.',
  })
  startSecondFactorEnrolment(
    @Arg('challengeToken', () => String, {
      nullable: true,
      description: 'The enrolment-required challenge of `login`; omit when signed in.',
    })
    challengeToken: string | null,
    @Ctx() ctx: Context,
  ): Promise<SecondFactorEnrolment> {
    return ctx.services.auth.startSecondFactorEnrolment(ctx.viewer, challengeToken);
  }

  @Mutation(() => SecondFactorEnrolled, {
    description:
      'Staff: confirm the enrolment with a code from the app; returns the recovery codes (shown once) and, with a challenge, the session.',
  })
  confirmSecondFactorEnrolment(
    @Arg('input', { description: 'What to submit.' }) input: ConfirmSecondFactorEnrolmentInput,
    @Ctx() ctx: Context,
  ): Promise<SecondFactorEnrolled> {
    return ctx.services.auth.confirmSecondFactorEnrolment(
      ctx.viewer,
      meta(ctx),
      input.challengeToken,
      input.totpCode,
    );
  }

  @Mutation(() => Viewer, {
    description:
      'Staff: turn one’s own second factor off with a current code (SECOND_FACTOR_REQUIRED when the policy requires it).',
  })
  disableSecondFactor(
    @Arg('input', { description: 'What to submit.' }) input: DisableSecondFactorInput,
    @Ctx() ctx: Context,
  ): Promise<Viewer> {
    return ctx.services.auth.disableSecondFactor(ctx.viewer, input.totpCode);
  }

  @Mutation(() => Boolean, { description: 'Sign out: this session ends.' })
  logout(@Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.auth.logout(ctx.viewer);
  }

  @Mutation(() => AuthPayload, {
    description: 'Change the password; every other session of the account ends and a new token is returned.',
  })
  changePassword(
    @Arg('input', { description: 'What to submit.' }) input: ChangePasswordInput,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return ctx.services.auth.changePassword(ctx.viewer, meta(ctx), input.currentPassword, input.newPassword);
  }

  @Mutation(() => AuthPayload, {
    description: 'First use of an LAO account: 7-digit code + activation code from NACC + new password.',
  })
  activateAccount(
    @Arg('input', { description: 'What to submit.' }) input: ActivateAccountInput,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return ctx.services.activation.activate(meta(ctx), input.laoCode, input.activationCode, input.password);
  }

  @Mutation(() => Boolean, {
    description:
      'Forgot password. Always answers true; when code and registered email match, a single-use link is mailed.',
  })
  requestPasswordReset(
    @Arg('input', { description: 'What to submit.' }) input: RequestPasswordResetInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.passwordReset.request(meta(ctx), input.username, input.email);
  }

  @Mutation(() => Boolean, {
    description: 'Set a new password with a mailed token; every session of the account ends.',
  })
  resetPassword(
    @Arg('input', { description: 'What to submit.' }) input: ResetPasswordInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.passwordReset.reset(meta(ctx), input.token, input.newPassword);
  }

  @Mutation(() => IssuedActivationCode, {
    description: 'NACC: issue a one-time activation code for one LAO (older unused codes are revoked).',
  })
  issueActivationCode(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Ctx() ctx: Context,
  ): Promise<IssuedActivationCode> {
    return ctx.services.activation.issue(ctx.viewer, parseId(laoId));
  }

  @Mutation(() => [IssuedActivationCode], {
    description:
      'NACC: issue activation codes for the LAOs of a province (by default those not yet activated).',
  })
  issueActivationCodesForProvince(
    @Arg('input', { description: 'What to submit.' }) input: IssueProvinceCodesInput,
    @Ctx() ctx: Context,
  ): Promise<IssuedActivationCode[]> {
    return ctx.services.activation.issueForProvince(
      ctx.viewer,
      parseId(input.provinceId),
      input.includeActivated,
    );
  }

  @Mutation(() => Int, {
    description: 'NACC: revoke every outstanding activation code of an LAO; returns how many.',
  })
  revokeActivationCodes(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return ctx.services.activation.revoke(ctx.viewer, parseId(laoId));
  }
}
