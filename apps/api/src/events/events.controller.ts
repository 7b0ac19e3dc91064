import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  AddEventMeetingDto,
  CreateEventDto,
  EventMeetingsService,
  EventParticipantsService,
  EventsService,
  LimitOffsetQueryDto,
  RegisterParticipantDto,
  Roles,
  UpdateAvailabilityDto,
  UpdateEventDto,
  type EventMeetingView,
  type EventPage,
  type EventParticipantView,
  type EventSlotView,
  type EventView,
  type MeetingImportResult,
  type Principal,
} from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { multipartText } from '../common/multipart-file';
import { ParseIdPipe } from '../common/parse-id.pipe';

const MAX_MEETING_FILE_BYTES = 5 * 1024 * 1024;

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly participants: EventParticipantsService,
    private readonly meetings: EventMeetingsService,
  ) {}

  @Post()
  @Roles('staff')
  @ApiOperation({ summary: 'Staff: a partnering event with its days, session windows, breaks, slot length, tables and limits' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateEventDto): Promise<EventView> {
    return this.events.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: "Events: all for staff, the events the caller's organisation takes part in for others" })
  list(@CurrentPrincipal() principal: Principal, @Query() query: LimitOffsetQueryDto): Promise<EventPage<EventView>> {
    return this.events.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<EventView> {
    return this.events.get(principal, id);
  }

  @Patch(':id')
  @Roles('staff')
  update(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateEventDto): Promise<EventView> {
    return this.events.update(principal, id, dto);
  }

  @Get(':id/slots')
  @ApiOperation({ summary: 'The slots of the event, in order, with their session' })
  slots(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<EventSlotView[]> {
    return this.events.slots(principal, id);
  }

  @Post(':id/participants')
  @Roles('staff')
  register(@Param('id', ParseIdPipe) id: string, @Body() dto: RegisterParticipantDto): Promise<EventParticipantView> {
    return this.participants.register(id, dto);
  }

  @Get(':id/participants')
  listParticipants(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<EventParticipantView[]> {
    return this.participants.list(principal, id);
  }

  @Patch(':id/participants/:participantId')
  @ApiOperation({ summary: "A participant's availability: its members until the schedule is published, staff any time" })
  availability(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Param('participantId', ParseIdPipe) participantId: string,
    @Body() dto: UpdateAvailabilityDto,
  ): Promise<EventParticipantView> {
    return this.participants.updateAvailability(principal, id, participantId, dto);
  }

  @Post(':id/meetings')
  @Roles('staff')
  @ApiOperation({ summary: 'Staff: a meeting to schedule between participants (optionally restricted to some slots)' })
  addMeeting(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: AddEventMeetingDto): Promise<EventMeetingView> {
    return this.meetings.add(principal, id, dto);
  }

  @Get(':id/meetings')
  @ApiOperation({ summary: 'Meetings to schedule: accepted requests for the event and staff-added ones (participants: their own)' })
  listMeetings(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Query() query: LimitOffsetQueryDto): Promise<EventPage<EventMeetingView>> {
    return this.meetings.list(principal, id, query);
  }

  @Post(':id/meetings/import')
  @Roles('staff')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Staff: meetings from CSV (participantA, participantB, priority, session); rows in error are reported' })
  async importMeetings(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Req() request: Request): Promise<MeetingImportResult> {
    return this.meetings.import(principal, id, await multipartText(request, MAX_MEETING_FILE_BYTES));
  }
}
