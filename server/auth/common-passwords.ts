import { dictionary } from '@zxcvbn-ts/language-common';

/** The ~50,000 most common passwords (zxcvbn-ts's list), lower-cased, plus local favourites. */
export const commonPasswords: ReadonlySet<string> = new Set([
  ...(dictionary['passwords-common'] as string[]).map((password) => password.toLowerCase()),
  'password',
  'p@ssw0rd',
  'qwertyui',
  'abcd1234',
  '11111111',
  'asdfghjkl',
  'thailand',
  'bangkok1',
]);
