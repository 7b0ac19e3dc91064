import type { Language } from '../taxonomy/taxonomy.types';
import type { RenderedMail } from './meeting-notification.templates';

/** One meeting of a published agenda, as the mail lists it. */
export interface AgendaMailMeeting {
  start: Date;
  end: Date;
  /** "Table 7" or a virtual room's link. */
  place: string;
  counterparts: readonly string[];
}

export interface AgendaNotificationInput {
  language: Language;
  eventName: string;
  timeZone: string;
  organisationName: string;
  meetings: readonly AgendaMailMeeting[];
  /** Where the calendar file is (an API path; the web app links it too). */
  icsPath: string;
  version: number;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const WORDS = {
  en: {
    subject: (event: string) => `Your agenda for ${event}`,
    greeting: 'Hello,',
    intro: (org: string, event: string, n: number) => `the schedule of ${event} is published. ${org} has ${n} meeting${n === 1 ? '' : 's'}:`,
    none: (org: string, event: string) => `the schedule of ${event} is published. ${org} has no meeting in it.`,
    with: 'with',
    calendar: (path: string) => `Add them to your calendar: ${path}`,
    signature: 'Hub Match\nLombardia Life Sciences Hub',
  },
  it: {
    subject: (event: string) => `La tua agenda per ${event}`,
    greeting: 'Buongiorno,',
    intro: (org: string, event: string, n: number) => `il programma di ${event} è pubblicato. ${org} ha ${n} ${n === 1 ? 'incontro' : 'incontri'}:`,
    none: (org: string, event: string) => `il programma di ${event} è pubblicato. ${org} non ha incontri.`,
    with: 'con',
    calendar: (path: string) => `Aggiungili al tuo calendario: ${path}`,
    signature: 'Hub Match\nLombardia Life Sciences Hub',
  },
} as const;

/** "18 March 2027, 09:00–09:20" in the event's zone and the reader's language. */
function when(meeting: AgendaMailMeeting, timeZone: string, language: Language): string {
  const locale = language === 'it' ? 'it-IT' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(meeting.start);
  const time = (d: Date) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(d);
  return `${day}, ${time(meeting.start)}–${time(meeting.end)}`;
}

/** The mail telling an organisation's members that their agenda is published, in their language. */
export function renderAgendaNotification(input: AgendaNotificationInput): RenderedMail {
  const w = WORDS[input.language];
  const ordered = [...input.meetings].sort((a, b) => a.start.getTime() - b.start.getTime());
  const lines = ordered.map((m) => `${when(m, input.timeZone, input.language)} · ${m.place} · ${w.with} ${m.counterparts.join(', ')}`);
  const intro = ordered.length === 0 ? w.none(input.organisationName, input.eventName) : w.intro(input.organisationName, input.eventName, ordered.length);
  const paragraphs = [w.greeting, intro, ...(lines.length ? [lines.map((l) => `- ${l}`).join('\n')] : []), w.calendar(input.icsPath), w.signature];
  const html = [
    `<p>${escapeHtml(w.greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...(lines.length ? [`<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`] : []),
    `<p>${escapeHtml(w.calendar(input.icsPath))}</p>`,
    `<p>${escapeHtml(w.signature).replace(/\n/g, '<br>')}</p>`,
  ].join('\n');
  return { subject: w.subject(input.eventName), text: paragraphs.join('\n\n') + '\n', html: `<!doctype html>\n<html><body>\n${html}\n</body></html>\n` };
}
