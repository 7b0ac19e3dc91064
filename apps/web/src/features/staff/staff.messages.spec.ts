import { STAFF_MESSAGES } from './staff.messages';

describe('staff texts', () => {
  it('has every key in Italian and English, none empty', () => {
    expect(Object.keys(STAFF_MESSAGES.it).sort()).toEqual(Object.keys(STAFF_MESSAGES.en).sort());
    for (const lang of ['it', 'en'] as const) for (const text of Object.values(STAFF_MESSAGES[lang])) expect(text.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(STAFF_MESSAGES.en)) expect([key, names(STAFF_MESSAGES.it[key])]).toEqual([key, names(STAFF_MESSAGES.en[key])]);
  });
});
