import { DECLINE_REASONS } from '../meetings/meeting-request.rules';
import { NOTIFICATION_KINDS, NOTIFICATION_RECIPIENTS, renderMeetingNotification, type MeetingNotificationInput } from './meeting-notification.templates';

const base: MeetingNotificationInput = {
  kind: 'new_request',
  language: 'en',
  side: 'receiver',
  counterpartName: 'Alpine Ventures',
  area: 'venture_capital',
  requestId: '5b1e0c9e-3f5d-4a7b-9c2e-7d8f6a4b3c21',
  // 09:30 UTC is 10:30 in Milan in winter.
  expiresAt: new Date('2025-12-03T09:30:00Z'),
  score: 72.4,
  message: 'We invest in CAR-T platforms.\nShall we meet?',
};

describe('meeting notification templates', () => {
  it('tells the receiver of a new request who asks, why, and until when, in English', () => {
    const mail = renderMeetingNotification(base);
    expect(mail.subject).toBe('New meeting request from Alpine Ventures');
    expect(mail.text).toContain('Alpine Ventures would like to meet your organisation (venture capital).');
    expect(mail.text).toContain('Match score: 72/100.');
    expect(mail.text).toContain('> We invest in CAR-T platforms.\n> Shall we meet?');
    expect(mail.text).toContain('by 3 December 2025 at 10:30 (Italian time)');
    expect(mail.text).toContain(`Request reference: ${base.requestId}`);
    expect(mail.html).toContain('<blockquote>We invest in CAR-T platforms.<br>Shall we meet?</blockquote>');
  });

  it('speaks Italian to an Italian recipient', () => {
    const mail = renderMeetingNotification({ ...base, language: 'it', area: 'tech_transfer' });
    expect(mail.subject).toBe('Nuova richiesta di incontro da Alpine Ventures');
    expect(mail.text).toContain('Alpine Ventures vorrebbe incontrare la vostra organizzazione (trasferimento tecnologico).');
    expect(mail.text).toContain('Punteggio di affinità: 72/100.');
    expect(mail.text).toContain('entro il 3 dicembre 2025');
    expect(mail.text).toContain('(ora italiana)');
    expect(mail.text).not.toMatch(/would like|Match score/);
  });

  it('leaves out the score and the quote when the request has none', () => {
    const mail = renderMeetingNotification({ ...base, score: null, message: '  ' });
    expect(mail.text).not.toContain('Match score');
    expect(mail.text).not.toContain('Their message');
    expect(mail.html).not.toContain('<blockquote>');
  });

  it.each([
    ['accepted', 'en', 'Alpine Ventures accepted your meeting request'],
    ['accepted', 'it', 'Alpine Ventures ha accettato la vostra richiesta di incontro'],
    ['declined', 'en', 'Alpine Ventures declined your meeting request'],
    ['declined', 'it', 'Alpine Ventures ha rifiutato la vostra richiesta di incontro'],
  ] as const)('tells the sender that the request was %s (%s)', (kind, language, subject) => {
    const mail = renderMeetingNotification({ ...base, kind, language, side: 'sender' });
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(subject);
    // The sender's own message is not echoed back to it.
    expect(mail.text).not.toContain('CAR-T');
  });

  it('never names a decline reason (it is not even an input)', () => {
    for (const language of ['en', 'it'] as const) {
      const mail = renderMeetingNotification({ ...base, kind: 'declined', language, side: 'sender' });
      for (const reason of DECLINE_REASONS) expect(mail.text.toLowerCase()).not.toMatch(new RegExp(`\\b${reason}\\b`));
      expect(mail.text).not.toMatch(/reason|motiv/i);
    }
  });

  it('reminds the receiver of the deadline before a request expires', () => {
    expect(renderMeetingNotification({ ...base, kind: 'expiring_soon' }).subject).toBe('The meeting request from Alpine Ventures expires soon');
    const it = renderMeetingNotification({ ...base, kind: 'expiring_soon', language: 'it' });
    expect(it.subject).toBe('La richiesta di incontro di Alpine Ventures sta per scadere');
    expect(it.text).toContain('scade il 3 dicembre 2025');
  });

  it('words an expiry for each side', () => {
    expect(renderMeetingNotification({ ...base, kind: 'expired', side: 'sender' }).subject).toBe('Your meeting request to Alpine Ventures expired');
    expect(renderMeetingNotification({ ...base, kind: 'expired', side: 'receiver' }).subject).toBe('The meeting request from Alpine Ventures expired');
    expect(renderMeetingNotification({ ...base, kind: 'expired', side: 'sender', language: 'it' }).subject).toBe('La vostra richiesta di incontro a Alpine Ventures è scaduta');
    expect(renderMeetingNotification({ ...base, kind: 'expired', side: 'receiver', language: 'it' }).subject).toBe('La richiesta di incontro di Alpine Ventures è scaduta');
  });

  it('keeps a name on one line in the subject and escapes it in HTML', () => {
    const mail = renderMeetingNotification({ ...base, counterpartName: 'Evil\r\nBcc: x@y.z <b>Co</b>', message: '<script>alert(1)</script>' });
    expect(mail.subject).toBe('New meeting request from Evil Bcc: x@y.z <b>Co</b>');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>Co</b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders every kind in both languages, with a subject and a body', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const language of ['en', 'it'] as const) {
        for (const side of NOTIFICATION_RECIPIENTS[kind]) {
          const mail = renderMeetingNotification({ ...base, kind, language, side });
          expect(mail.subject.length).toBeGreaterThan(10);
          expect(mail.text).toContain('Alpine Ventures');
          expect(mail.text.startsWith(language === 'it' ? 'Buongiorno,' : 'Hello,')).toBe(true);
          expect(mail.html).toContain('<html>');
        }
      }
    }
  });

  it('tells the receiver of new requests and reminders, the sender of answers, both of an expiry', () => {
    expect(NOTIFICATION_RECIPIENTS).toEqual({
      new_request: ['receiver'],
      accepted: ['sender'],
      declined: ['sender'],
      expiring_soon: ['receiver'],
      expired: ['sender', 'receiver'],
    });
  });
});
