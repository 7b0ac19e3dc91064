import { canMeet, effectiveStatus, MEETING_REQUEST_STATUSES } from './meeting-request.rules';

describe('meeting request rules', () => {
  it.each([
    ['venture_capital', 'company', 'fund', true],
    ['venture_capital', 'fund', 'company', true],
    ['venture_capital', 'company', 'research_centre', false],
    ['venture_capital', 'fund', 'fund', false],
    ['tech_transfer', 'company', 'research_centre', true],
    ['tech_transfer', 'research_centre', 'company', true],
    ['tech_transfer', 'company', 'fund', false],
    ['tech_transfer', 'company', 'company', false],
  ] as const)('%s: a %s and a %s can meet: %s', (area, a, b, expected) => {
    expect(canMeet(area, a, b)).toBe(expected);
  });

  it('counts a pending request past its deadline as expired, and nothing else changes', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const past = new Date('2026-11-22T11:59:59Z');
    const future = new Date('2026-11-22T12:00:01Z');
    expect(effectiveStatus('pending', past, now)).toBe('expired');
    expect(effectiveStatus('pending', now, now)).toBe('expired');
    expect(effectiveStatus('pending', future, now)).toBe('pending');
    for (const status of MEETING_REQUEST_STATUSES.filter((s) => s !== 'pending')) {
      expect(effectiveStatus(status, past, now)).toBe(status);
    }
  });
});
