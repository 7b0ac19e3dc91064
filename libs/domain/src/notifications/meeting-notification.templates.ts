import type { MatchArea } from '../scoring/scoring.types';
import type { Language } from '../taxonomy/taxonomy.types';

/** The e-mails a meeting request's life sends (a withdrawal sends none: the issue names no such mail). */
export const NOTIFICATION_KINDS = ['new_request', 'accepted', 'declined', 'expiring_soon', 'expired'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A recipient's organisation sent the request, or received it. */
export type RequestSide = 'sender' | 'receiver';

/**
 * Who is told: the receiver of a new request (and of the reminder, since only it can answer), the sender of an
 * answer, both sides of an expiry.
 */
export const NOTIFICATION_RECIPIENTS: Record<NotificationKind, readonly RequestSide[]> = {
  new_request: ['receiver'],
  accepted: ['sender'],
  declined: ['sender'],
  expiring_soon: ['receiver'],
  expired: ['sender', 'receiver'],
};

/**
 * What a template may say. There is deliberately no decline reason here: a decline's reason stays with the
 * organisation that declined, and a template cannot leak what it is never given.
 */
export interface MeetingNotificationInput {
  kind: NotificationKind;
  language: Language;
  side: RequestSide;
  /** The other organisation, from the recipient's point of view. */
  counterpartName: string;
  area: MatchArea;
  requestId: string;
  expiresAt: Date;
  /** The match score the request carries (0–100), shown with a new request. */
  score: number | null;
  /** The sender's message, shown with a new request. */
  message: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const AREA: Record<MatchArea, Record<Language, string>> = {
  venture_capital: { en: 'venture capital', it: 'venture capital' },
  tech_transfer: { en: 'technology transfer', it: 'trasferimento tecnologico' },
};

/** The hub is in Lombardy: deadlines are shown in Italian time whatever the server's zone. */
function formatDeadline(date: Date, language: Language): string {
  const formatted = new Intl.DateTimeFormat(language === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(date);
  return language === 'it' ? `${formatted} (ora italiana)` : `${formatted} (Italian time)`;
}

interface Body {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** The sender's own words, quoted apart from ours. */
  quote?: string;
  signature: string;
}

function body(input: MeetingNotificationInput): Body {
  const { requestId } = input;
  // A name is one line in a subject, whatever was typed into the profile.
  const who = input.counterpartName.replace(/\s+/g, ' ').trim();
  const area = AREA[input.area][input.language];
  const deadline = formatDeadline(input.expiresAt, input.language);
  const score = input.score === null ? null : Math.round(input.score);
  const quote = input.message?.trim() ? input.message.trim() : undefined;
  if (input.language === 'it') {
    const base = { greeting: 'Buongiorno,', signature: `— Hub Match\nRiferimento richiesta: ${requestId}` };
    switch (input.kind) {
      case 'new_request':
        return {
          ...base,
          subject: `Nuova richiesta di incontro da ${who}`,
          paragraphs: [
            `${who} vorrebbe incontrare la vostra organizzazione (${area}).`,
            ...(score === null ? [] : [`Punteggio di affinità: ${score}/100.`]),
            ...(quote ? ['Il loro messaggio:'] : []),
          ],
          quote,
        };
      case 'accepted':
        return {
          ...base,
          subject: `${who} ha accettato la vostra richiesta di incontro`,
          paragraphs: [`${who} ha accettato la vostra richiesta di incontro (${area}). Potete ora organizzare l'incontro su Hub Match.`],
        };
      case 'declined':
        return {
          ...base,
          subject: `${who} ha rifiutato la vostra richiesta di incontro`,
          paragraphs: [`${who} ha rifiutato la vostra richiesta di incontro (${area}).`, 'La richiesta non conta più nella vostra quota di richieste aperte.'],
        };
      case 'expiring_soon':
        return {
          ...base,
          subject: `La richiesta di incontro di ${who} sta per scadere`,
          paragraphs: [`La richiesta di incontro di ${who} (${area}) attende ancora una risposta e scade il ${deadline}.`, 'Accettatela o rifiutatela su Hub Match prima di tale data.'],
        };
      case 'expired':
        return {
          ...base,
          subject: input.side === 'sender' ? `La vostra richiesta di incontro a ${who} è scaduta` : `La richiesta di incontro di ${who} è scaduta`,
          paragraphs: [
            input.side === 'sender'
              ? `${who} non ha risposto in tempo alla vostra richiesta di incontro (${area}), che è scaduta. Potete inviarne una nuova.`
              : `La richiesta di incontro di ${who} (${area}) è scaduta senza risposta.`,
          ],
        };
    }
  }
  const base = { greeting: 'Hello,', signature: `— Hub Match\nRequest reference: ${requestId}` };
  switch (input.kind) {
    case 'new_request':
      return {
        ...base,
        subject: `New meeting request from ${who}`,
        paragraphs: [
          `${who} would like to meet your organisation (${area}).`,
          ...(score === null ? [] : [`Match score: ${score}/100.`]),
          ...(quote ? ['Their message:'] : []),
        ],
        quote,
      };
    case 'accepted':
      return {
        ...base,
        subject: `${who} accepted your meeting request`,
        paragraphs: [`${who} accepted your meeting request (${area}). You can now arrange the meeting on Hub Match.`],
      };
    case 'declined':
      return {
        ...base,
        subject: `${who} declined your meeting request`,
        paragraphs: [`${who} declined your meeting request (${area}).`, 'It no longer counts towards your quota of open requests.'],
      };
    case 'expiring_soon':
      return {
        ...base,
        subject: `The meeting request from ${who} expires soon`,
        paragraphs: [`The meeting request from ${who} (${area}) is still waiting for an answer and expires on ${deadline}.`, 'Please accept or decline it on Hub Match before then.'],
      };
    case 'expired':
      return {
        ...base,
        subject: input.side === 'sender' ? `Your meeting request to ${who} expired` : `The meeting request from ${who} expired`,
        paragraphs: [
          input.side === 'sender'
            ? `${who} did not answer your meeting request (${area}) in time, so it expired. You can send a new one.`
            : `The meeting request from ${who} (${area}) expired without an answer.`,
        ],
      };
  }
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Deadline line added to a new request: when it stops waiting for an answer. */
function deadlineLine(input: MeetingNotificationInput): string | null {
  if (input.kind !== 'new_request') return null;
  const deadline = formatDeadline(input.expiresAt, input.language);
  return input.language === 'it'
    ? `Potete accettarla o rifiutarla su Hub Match entro il ${deadline}; dopo tale data la richiesta scade.`
    : `Please accept or decline it on Hub Match by ${deadline}; after that the request expires.`;
}

/** The subject, plain text and HTML of one notification, in the recipient's language. */
export function renderMeetingNotification(input: MeetingNotificationInput): RenderedMail {
  const b = body(input);
  const closing = deadlineLine(input);
  const quoted = b.quote === undefined ? [] : [b.quote.split('\n').map((line) => `> ${line}`).join('\n')];
  const text = [b.greeting, ...b.paragraphs, ...quoted, ...(closing ? [closing] : []), b.signature].join('\n\n') + '\n';
  const html = [
    `<p>${escapeHtml(b.greeting)}</p>`,
    ...b.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(b.quote === undefined ? [] : [`<blockquote>${escapeHtml(b.quote).replace(/\n/g, '<br>')}</blockquote>`]),
    ...(closing ? [`<p>${escapeHtml(closing)}</p>`] : []),
    `<p>${escapeHtml(b.signature).replace(/\n/g, '<br>')}</p>`,
  ].join('\n');
  return { subject: b.subject, text, html: `<!doctype html>\n<html><body>\n${html}\n</body></html>\n` };
}
