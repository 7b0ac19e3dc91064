import { passwordProblems } from './password-policy';

const rules = (password: string, email?: string) => passwordProblems(password, email).map((p) => p.rule);

describe('password policy', () => {
  it('accepts a long passphrase with no composition rules', () => {
    expect(rules('correct-horse-battery')).toEqual([]);
    expect(rules('tre gatti sul tetto', 'founder@example.org')).toEqual([]);
  });

  it('refuses short and overlong passwords, counting characters rather than UTF-16 units', () => {
    expect(rules('short1!')).toContain('minLength');
    expect(rules('x'.repeat(60) + 'abcde' + 'y'.repeat(64))).toEqual(['maxLength']);
    // Ten emoji are ten characters although they are twenty UTF-16 units.
    expect(rules('🧬🔬💊🩺🧪🧫🦠🧠🫀🫁')).toEqual([]);
    expect(rules('🧬🔬💊🩺🧪')).toEqual(['minLength']);
  });

  it('refuses patterns with too few different characters', () => {
    expect(rules('aaaaaaaaaaaa')).toContain('distinctCharacters');
    expect(rules('1212121212xy')).toContain('distinctCharacters');
  });

  it('refuses common passwords, whatever their case, spaces and trailing digits or symbols', () => {
    for (const password of ['Password2024!', 'qwertyuiop', 'QWERTYUIOP123', '1234567890', 'Lombardia2026', 'iloveyou!!!!', 'Pass word 12345']) {
      expect(rules(password)).toContain('notCommon');
    }
    expect(rules('passwordless-login-is-nice')).toEqual([]);
  });

  it("refuses a password containing the account's e-mail name", () => {
    expect(rules('giulia.rossi-2026', 'Giulia.Rossi@example.org')).toEqual(['notEmail']);
    // Too short a name to be a meaningful match.
    expect(rules('bob-the-builder-x', 'bob@example.org')).toEqual([]);
  });
});
