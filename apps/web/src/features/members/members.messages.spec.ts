import { MEMBERS_MESSAGES } from './members.messages';

describe('member screens texts', () => {
  it('have the same keys in Italian and English, none empty', () => {
    expect(Object.keys(MEMBERS_MESSAGES.it).sort()).toEqual(Object.keys(MEMBERS_MESSAGES.en).sort());
    for (const lang of ['it', 'en'] as const) for (const text of Object.values(MEMBERS_MESSAGES[lang])) expect(text.trim()).not.toBe('');
  });
});
