import { eventCalendarViolations, planSlots, zonedTimeToUtc, type EventCalendar } from './event-calendar';

const DAY: EventCalendar = {
  timeZone: 'Europe/Rome',
  slotMinutes: 30,
  days: [{ date: '2027-03-18', windows: [{ start: '09:00', end: '12:00', name: 'Morning' }, { start: '14:00', end: '16:00' }], breaks: [{ start: '10:30', end: '11:00' }] }],
};

const rules = (calendar: EventCalendar) => eventCalendarViolations(calendar).map((v) => [v.field, v.rule]);

describe('event calendar', () => {
  it('cuts windows into slots in the event time zone, skipping breaks, one session per window', () => {
    expect(eventCalendarViolations(DAY)).toEqual([]);
    const slots = planSlots(DAY);
    expect(slots).toHaveLength(5 + 4);
    // 09:00 in Rome in March (before DST) is 08:00 UTC.
    expect(slots[0]).toEqual({ index: 0, session: 0, sessionName: 'Morning', start: new Date('2027-03-18T08:00:00Z'), end: new Date('2027-03-18T08:30:00Z') });
    expect(slots.map((s) => s.start.toISOString().slice(11, 16))).toEqual(['08:00', '08:30', '09:00', '10:00', '10:30', '13:00', '13:30', '14:00', '14:30']);
    expect(slots.map((s) => s.session)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(slots[5].sessionName).toBe('Session 2');
  });

  it('converts local times across daylight saving time, in any zone', () => {
    expect(zonedTimeToUtc('2027-03-27', '09:00', 'Europe/Rome').toISOString()).toBe('2027-03-27T08:00:00.000Z');
    expect(zonedTimeToUtc('2027-03-29', '09:00', 'Europe/Rome').toISOString()).toBe('2027-03-29T07:00:00.000Z');
    expect(zonedTimeToUtc('2027-07-01', '09:00', 'America/New_York').toISOString()).toBe('2027-07-01T13:00:00.000Z');
    expect(zonedTimeToUtc('2027-07-01', '09:00', 'UTC').toISOString()).toBe('2027-07-01T09:00:00.000Z');
    expect(zonedTimeToUtc('2027-07-01', '09:00', 'Asia/Kolkata').toISOString()).toBe('2027-07-01T03:30:00.000Z');
  });

  it('names each broken rule with its field', () => {
    const day = DAY.days[0];
    expect(rules({ ...DAY, days: [{ ...day, breaks: [], windows: [{ start: '12:00', end: '09:00' }] }] })).toEqual([['days.0.windows.0.end', 'afterStart']]);
    expect(rules({ ...DAY, days: [{ ...day, breaks: [], windows: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }] })).toEqual([['days.0.windows.1', 'overlap']]);
    expect(rules({ ...DAY, days: [{ ...day, breaks: [], windows: [{ start: '09:00', end: '09:45' }] }] })).toEqual([['days.0.windows.0', 'slotMultiple']]);
    expect(rules({ ...DAY, days: [{ ...day, breaks: [{ start: '12:30', end: '13:00' }] }] })).toEqual([['days.0.breaks.0', 'insideWindow']]);
    expect(rules({ ...DAY, days: [{ ...day, breaks: [{ start: '10:15', end: '10:45' }] }] })).toEqual([['days.0.breaks.0', 'slotGrid']]);
    expect(rules({ ...DAY, days: [{ ...day, date: '2027-02-30' }] })).toEqual([['days.0.date', 'date']]);
    expect(rules({ ...DAY, days: [day, day] })).toEqual([['days.1.date', 'unique']]);
    expect(rules({ ...DAY, timeZone: 'Mars/Olympus' })).toEqual([['timeZone', 'timeZone']]);
    expect(rules({ ...DAY, slotMinutes: 0 })).toEqual([['slotMinutes', 'range']]);
    expect(rules({ ...DAY, days: [] })).toEqual([['days', 'count']]);
    expect(rules({ ...DAY, days: [{ ...day, breaks: [], windows: [{ start: '9:00', end: '12:00' }] }] })).toEqual([['days.0.windows.0.start', 'time']]);
    expect(rules({ ...DAY, days: [{ date: '2027-03-18', windows: [{ start: '09:00', end: '09:30' }], breaks: [{ start: '09:00', end: '09:30' }] }] })).toEqual([['days', 'slots']]);
  });
});
