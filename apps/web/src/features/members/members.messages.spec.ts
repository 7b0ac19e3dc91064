import { MEMBERS_MESSAGES } from './members.messages';
import { REASON_MESSAGES } from './reasons.messages';

describe('member screens texts', () => {
  it('have the same keys in Italian and English, none empty', () => {
    expect(Object.keys(MEMBERS_MESSAGES.it).sort()).toEqual(Object.keys(MEMBERS_MESSAGES.en).sort());
    for (const lang of ['it', 'en'] as const) for (const text of Object.values(MEMBERS_MESSAGES[lang])) expect(text.trim()).not.toBe('');
  });

  it('name every scoring factor in both languages', async () => {
    const { FACTORS_OF_AREA } = await import('../../../../../libs/domain/src/scoring/match-reasons');
    const factors = [...new Set(Object.values(FACTORS_OF_AREA).flatMap((list) => list.map((f) => `reason.${f.factor}`)))].sort();
    expect(Object.keys(REASON_MESSAGES.en).sort()).toEqual(factors);
    expect(Object.keys(REASON_MESSAGES.it).sort()).toEqual(factors);
    expect(REASON_MESSAGES.en['reason.stage']).toBe(FACTORS_OF_AREA.venture_capital.find((f) => f.factor === 'stage')?.label);
  });
});
