/**
 * What the agenda exporters (iCalendar, CSV, table sheets) need to know about an event and its scheduled meetings.
 * Deliberately smaller than the database entities: the exporters are pure functions, so the API and the worker can
 * both build these from whatever they have loaded, and tests can write them by hand.
 */
import type { Language } from '../taxonomy/taxonomy.types';

export interface AgendaEvent {
  id: string;
  name: string;
  /** IANA time zone name, e.g. `Europe/Rome`; every local date and time in an export is in this zone. */
  timeZone: string;
  /** Where the event takes place (an address or a venue name), added to each meeting's location. */
  venue?: string | null;
}

export interface AgendaParticipant {
  id: string;
  /** The organisation's name as people know it. */
  name: string;
}

export interface AgendaMeeting {
  id: string;
  start: Date;
  end: Date;
  /**
   * The table number as printed on the table, counted from 1 (the solver counts from 0: this is its index + 1),
   * so that exports, e-mails and the signs in the room agree.
   */
  table: number;
  /** Overrides "Table 7": a room name, or a virtual room's link (then also exported as the event's URL). */
  tableLabel?: string | null;
  /** Everyone at the meeting, usually two organisations. */
  participants: readonly AgendaParticipant[];
}

export interface AgendaIcsOptions {
  /** DTSTAMP of every VEVENT: when the agenda was generated. Passed in so that output is reproducible. */
  now: Date;
  /** PRODID; defaults to `-//Lombardia Life Sciences Hub//Hub Match//EN`. */
  productId?: string;
  /** Language of the words the file adds (summary, location, description); defaults to English. */
  language?: Language;
  /**
   * SEQUENCE of every VEVENT, e.g. the schedule version: calendar clients replace an event they already imported
   * (same UID) only when the sequence grows, so a re-planned meeting must carry a larger one.
   */
  sequence?: number;
}

export interface AgendaCsvOptions {
  /** Start with a UTF-8 byte-order mark, which Excel needs to read accented names correctly. Default false. */
  bom?: boolean;
}

/** One meeting on a table's printed sheet, in the event's local time. */
export interface TableSheetSlot {
  meetingId: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM`. */
  start: string;
  end: string;
  participants: string[];
}

/** Everything that happens at one table, in order: printed and left on the table for the day. */
export interface TableSheet {
  table: number;
  /** `Table 7`, or the meeting's table label when one is set. */
  label: string;
  slots: TableSheetSlot[];
  /** The same slots as RFC 4180 CSV (header `date,start,end,participants,meeting_id`). */
  csv: string;
}
