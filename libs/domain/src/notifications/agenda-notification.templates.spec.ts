import { renderAgendaNotification } from './agenda-notification.templates';

const INPUT = {
  eventName: 'Meet in Italy <2027>',
  timeZone: 'Europe/Rome',
  organisationName: 'Alpha Bio',
  icsPath: '/api/v1/events/e1/agenda/o1.ics',
  version: 3,
  meetings: [
    { start: new Date('2027-03-18T13:00:00Z'), end: new Date('2027-03-18T13:20:00Z'), place: 'Table 2', counterparts: ['Fondo Due'] },
    { start: new Date('2027-03-18T08:00:00Z'), end: new Date('2027-03-18T08:20:00Z'), place: 'Table 1', counterparts: ['Fondo Uno'] },
  ],
};

describe('agenda notification', () => {
  it('lists the meetings in time order, in local time, in English', () => {
    const mail = renderAgendaNotification({ ...INPUT, language: 'en' });
    expect(mail.subject).toBe('Your agenda for Meet in Italy <2027>');
    expect(mail.text).toContain('Alpha Bio has 2 meetings:');
    const first = mail.text.indexOf('09:00–09:20 · Table 1 · with Fondo Uno');
    const second = mail.text.indexOf('14:00–14:20 · Table 2 · with Fondo Due');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(mail.text).toContain('18 March 2027');
    expect(mail.text).toContain('/api/v1/events/e1/agenda/o1.ics');
    expect(mail.html).toContain('Meet in Italy &lt;2027&gt;');
    expect(mail.html).not.toContain('<2027>');
  });

  it('speaks Italian, and says so when there is no meeting', () => {
    const mail = renderAgendaNotification({ ...INPUT, language: 'it', meetings: [INPUT.meetings[0]] });
    expect(mail.subject).toBe('La tua agenda per Meet in Italy <2027>');
    expect(mail.text).toContain('Alpha Bio ha 1 incontro:');
    expect(mail.text).toContain('18 marzo 2027, 14:00–14:20 · Table 2 · con Fondo Due');
    const none = renderAgendaNotification({ ...INPUT, language: 'it', meetings: [] });
    expect(none.text).toContain('Alpha Bio non ha incontri.');
  });
});
