/**
 * What a password must be, after NIST SP 800-63B: long enough, not one everybody tries first, not the account's
 * own e-mail — and no composition rules (a digit, a capital, a symbol), which push people to predictable patterns
 * without making passwords harder to guess. The same rules serve registration, password changes and the staff
 * command line.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** Fewer different characters than this is a pattern (aaaaaaaaaa, 1212121212), not a password. */
export const PASSWORD_MIN_DISTINCT = 5;

/**
 * Passwords of at least ten characters found at the top of public breach lists, and the platform's own words;
 * compared in lower case, ignoring spaces and a trailing run of digits or punctuation ("Password2024!" is
 * "password").
 */
const COMMON = new Set([
  'password',
  'passw0rd',
  'password1',
  'qwertyuiop',
  'qwertyuiop1',
  'qwerty',
  'asdfghjkl',
  'asdfghjkl1',
  'zxcvbnm',
  'iloveyou',
  'abcdefghij',
  'abcdefghijk',
  'abcdefg',
  'abc',
  'letmein',
  'welcome',
  'benvenuto',
  'trustno',
  'football',
  'baseball',
  'princess',
  'sunshine',
  'starwars',
  'superman',
  'dragon',
  'monkey',
  'master',
  'admin',
  'administrator',
  'changeme',
  'secret',
  'segreto',
  'qazwsxedc',
  'qazwsxedcrfv',
  '1q2w3e4r5t',
  '1qaz2wsx',
  'hubmatch',
  'lombardia',
  'lifesciences',
  'milano',
  'italia',
  'forzainter',
  'forzamilan',
  'juventus',
]);

export type PasswordRule = 'minLength' | 'maxLength' | 'distinctCharacters' | 'notCommon' | 'notEmail';

export interface PasswordProblem {
  rule: PasswordRule;
  message: string;
}

function commonCore(password: string): string {
  // ASCII digits and punctuation only: an emoji passphrase is not "empty" once its symbols are stripped.
  return password.toLowerCase().replace(/\s+/g, '').replace(/[0-9!-/:-@[-`{-~]+$/, '');
}

/** Every rule the password breaks (none: it is acceptable). `email` is the account's, when known. */
export function passwordProblems(password: string, email?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push({ rule: 'minLength', message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long` });
  if (length > PASSWORD_MAX_LENGTH) problems.push({ rule: 'maxLength', message: `password must be at most ${PASSWORD_MAX_LENGTH} characters long` });
  if (new Set(password.toLowerCase()).size < PASSWORD_MIN_DISTINCT) {
    problems.push({ rule: 'distinctCharacters', message: `password must use at least ${PASSWORD_MIN_DISTINCT} different characters` });
  }
  const core = commonCore(password);
  // An all-digit password has an empty core: 1234567890 is as common as it gets.
  if (COMMON.has(core) || core === '') problems.push({ rule: 'notCommon', message: 'password is too common: choose one that is not on lists of frequently used passwords' });
  const local = email?.trim().toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && password.toLowerCase().includes(local)) {
    problems.push({ rule: 'notEmail', message: 'password must not contain the e-mail address' });
  }
  return problems;
}
