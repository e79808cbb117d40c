/** What a user name and a password must be. */
import { z } from 'zod';
import { invalidParameter } from '../errors.ts';

/** 2 to 40 lowercase letters, digits, dots, hyphens or underscores, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** The schema of a new password in a request body (length rules; the field is named in the 400). */
export const newPasswordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

/** Rules that need more than the password's length; throws a 400 naming `field`. */
export function checkPasswordRules(password: string, username: string, field: string): void {
  if (password.trim().toLowerCase() === username.trim().toLowerCase())
    throw invalidParameter(field, {
      zh: '密码不能与用户名相同',
      en: 'the password must not be the user name',
    });
  if (password.trim().length < PASSWORD_MIN)
    throw invalidParameter(field, {
      zh: `密码至少需要 ${PASSWORD_MIN} 个非空白字符`,
      en: `the password needs at least ${PASSWORD_MIN} characters that are not spaces`,
    });
}

/** Why a new account's name or password is refused, in plain words for a command line; null when fine. */
export function accountProblem(username: string, password: string): string | null {
  if (!USERNAME_PATTERN.test(username))
    return `user name "${username}": use 2 to 40 lowercase letters, digits, dots, hyphens or underscores`;
  if (password.trim().length < PASSWORD_MIN)
    return `password: at least ${PASSWORD_MIN} characters that are not spaces`;
  if (password.length > PASSWORD_MAX) return `password: at most ${PASSWORD_MAX} characters`;
  if (password.trim().toLowerCase() === username) return 'password: must not be the user name';
  return null;
}
