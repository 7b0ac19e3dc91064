import { Module } from '@nestjs/common';
import { AgendaService } from './agenda.service';
import { EventMeetingsService } from './event-meetings.service';
import { EventParticipantsService } from './event-participants.service';
import { EventsService } from './events.service';
import { ScheduleRunner } from './schedule-runner.service';
import { ScheduleService } from './schedule.service';

/** Partnering events and their schedules: the api edits and reads them, the worker runs the scheduler. */
@Module({
  providers: [EventsService, EventParticipantsService, EventMeetingsService, ScheduleService, ScheduleRunner, AgendaService],
  exports: [EventsService, EventParticipantsService, EventMeetingsService, ScheduleService, ScheduleRunner, AgendaService],
})
export class EventsModule {}
