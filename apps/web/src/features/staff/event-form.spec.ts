import { ApiError } from '../../api/api-client';
import { emptyEventForm, errorsAt, toEventBody, type EventForm } from './event-form';

describe('the event builder form → POST /api/v1/events body', () => {
  it('turns numbers into numbers, leaves optional fields out when empty, and names windows only when given', () => {
    const form: EventForm = {
      ...emptyEventForm(),
      name: '  Meet in Italy  ',
      slotMinutes: '20',
      tables: '2',
      maxMeetingsPerParticipant: '4',
      minMeetingsPerParticipant: '',
      days: [{ date: '2027-03-18', windows: [{ start: '09:00', end: '11:00', name: 'Morning' }, { start: '14:00', end: '15:00', name: ' ' }], breaks: [] }],
    };
    expect(toEventBody(form)).toEqual({
      name: 'Meet in Italy',
      timeZone: 'Europe/Rome',
      slotMinutes: 20,
      tables: 2,
      maxMeetingsPerParticipant: 4,
      days: [{ date: '2027-03-18', windows: [{ start: '09:00', end: '11:00', name: 'Morning' }, { start: '14:00', end: '15:00' }] }],
    });
  });

  it('sends breaks and the minimum when given, and non-numbers as typed so that the API names the field', () => {
    const form: EventForm = {
      ...emptyEventForm(),
      name: 'X',
      slotMinutes: 'twenty',
      tables: '',
      minMeetingsPerParticipant: '1',
      days: [{ date: '2027-03-18', windows: [{ start: '09:00', end: '11:00', name: '' }], breaks: [{ start: '10:00', end: '10:20' }] }],
    };
    const body = toEventBody(form);
    expect(body.slotMinutes).toBe('twenty');
    expect(body).not.toHaveProperty('tables');
    expect(body.minMeetingsPerParticipant).toBe(1);
    expect(body.days).toEqual([{ date: '2027-03-18', windows: [{ start: '09:00', end: '11:00' }], breaks: [{ start: '10:00', end: '10:20' }] }]);
  });

  it('picks the API field errors for one window (and its start/end), not its siblings', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid', [
      { field: 'days.0.windows.1', rule: 'overlap', message: 'overlaps window 0' },
      { field: 'days.0.windows.0.end', rule: 'order', message: 'end before start' },
      { field: 'days', rule: 'min', message: 'at least one day' },
    ]);
    expect(errorsAt(error, 'days.0.windows.1', ['start', 'end'])).toEqual(['overlaps window 0']);
    expect(errorsAt(error, 'days.0.windows.0', ['start', 'end'])).toEqual(['end before start']);
    expect(errorsAt(error, 'days')).toEqual(['at least one day']);
    expect(errorsAt(null, 'days')).toEqual([]);
  });
});
