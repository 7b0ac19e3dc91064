import { AppError } from '../errors/app-error';
import { resolveTimeZone, timeZoneAbbreviation, utcOffsetSeconds, zonedDateTime, zoneTransitions } from './agenda-time-zone';

// Expected transitions are the published rules (EU: last Sunday of March and October at 01:00 UTC; US: second
// Sunday of March and first of November at 02:00 local), written out by hand.

describe('zoneTransitions', () => {
  it('finds the two EU changes of 2026 in Europe/Rome, to the second, with the wall time before each', () => {
    const transitions = zoneTransitions('Europe/Rome', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(transitions.map((t) => ({ at: t.at.toISOString(), from: t.offsetFrom, to: t.offsetTo, local: t.localBefore }))).toEqual([
      { at: '2026-03-29T01:00:00.000Z', from: 3600, to: 7200, local: { year: 2026, month: 3, day: 29, hour: 2, minute: 0, second: 0 } },
      { at: '2026-10-25T01:00:00.000Z', from: 7200, to: 3600, local: { year: 2026, month: 10, day: 25, hour: 3, minute: 0, second: 0 } },
    ]);
  });

  it('finds the US changes of 2026 in America/New_York', () => {
    const transitions = zoneTransitions('America/New_York', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(transitions.map((t) => [t.at.toISOString(), t.offsetFrom, t.offsetTo])).toEqual([
      ['2026-03-08T07:00:00.000Z', -18000, -14400],
      ['2026-11-01T06:00:00.000Z', -14400, -18000],
    ]);
  });

  it('finds none in zones without summer time', () => {
    for (const zone of ['Asia/Tokyo', 'UTC', 'Asia/Kolkata', 'America/Phoenix']) {
      expect(zoneTransitions(zone, new Date('2025-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toEqual([]);
    }
  });
});

describe('utcOffsetSeconds and zonedDateTime', () => {
  it('gives the offset, including half and quarter hours', () => {
    expect(utcOffsetSeconds(new Date('2026-01-15T12:00:00Z'), 'Europe/Rome')).toBe(3600);
    expect(utcOffsetSeconds(new Date('2026-07-15T12:00:00Z'), 'Europe/Rome')).toBe(7200);
    expect(utcOffsetSeconds(new Date('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(19800);
    expect(utcOffsetSeconds(new Date('2026-07-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(20700);
    expect(utcOffsetSeconds(new Date('2026-07-15T12:00:00Z'), 'America/Los_Angeles')).toBe(-25200);
  });

  it('writes midnight as hour 0 and crosses the date line', () => {
    expect(zonedDateTime(new Date('2026-05-19T22:00:00Z'), 'Europe/Rome')).toEqual({ year: 2026, month: 5, day: 20, hour: 0, minute: 0, second: 0 });
    expect(zonedDateTime(new Date('2026-12-31T20:30:00Z'), 'Pacific/Auckland')).toEqual({ year: 2027, month: 1, day: 1, hour: 9, minute: 30, second: 0 });
  });

  it('refuses an invalid date', () => {
    expect(() => zonedDateTime(new Date('nope'), 'Europe/Rome')).toThrow(RangeError);
  });
});

describe('resolveTimeZone', () => {
  it('fixes the case of a known zone and keeps current IANA names that ICU knows by older aliases', () => {
    expect(resolveTimeZone('europe/rome')).toBe('Europe/Rome');
    expect(resolveTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(resolveTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
  });

  it('refuses an unknown zone with a validation error on timeZone', () => {
    expect(() => resolveTimeZone('Mars/Olympus_Mons')).toThrow(AppError);
  });
});

describe('timeZoneAbbreviation', () => {
  it('uses the usual abbreviation where there is one, else a numeric offset', () => {
    expect(timeZoneAbbreviation(new Date('2026-01-15T12:00:00Z'), 'Europe/Rome')).toBe('CET');
    expect(timeZoneAbbreviation(new Date('2026-07-15T12:00:00Z'), 'Europe/Rome')).toBe('CEST');
    expect(timeZoneAbbreviation(new Date('2026-07-15T12:00:00Z'), 'America/New_York')).toBe('EDT');
    expect(timeZoneAbbreviation(new Date('2026-07-15T12:00:00Z'), 'Etc/GMT-3')).toMatch(/^\+03$|^[A-Z]{2,5}$/);
  });
});
