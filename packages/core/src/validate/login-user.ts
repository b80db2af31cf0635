import { UserError } from '../errors/user-error.ts';

// POSIX portable user names as useradd accepts them by default (lower case, at most 32 characters).
const LOGIN_USER = /^[a-z_][a-z0-9_-]{0,31}$/;

/** True for a login user name that is safe to put into an ssh destination (`user@host`). */
export function isLoginUser(name: string): boolean {
  return LOGIN_USER.test(name);
}

/** `--user` at launch: a POSIX user name (e.g. ec2-user, ubuntu), else INVALID_INPUT before anything is created. */
export function validateLoginUser(name: string): string {
  if (!isLoginUser(name)) {
    throw new UserError('INVALID_INPUT', `Invalid --user ${JSON.stringify(name)}.`, {
      hint: 'Give the image login user: lower-case letters, digits, _ or -, starting with a letter or _ (e.g. ec2-user, ubuntu).',
    });
  }
  return name;
}
