import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MeetingOutcomeQueryDto,
  MeetingOutcomesService,
  RecordMeetingOutcomeDto,
  Roles,
  type MeetingOutcomeSummary,
  type MeetingOutcomeView,
  type Principal,
} from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('meeting outcomes')
@ApiBearerAuth()
@Controller('api/v1')
export class MeetingOutcomesController {
  constructor(private readonly outcomes: MeetingOutcomesService) {}

  @Put('meeting-requests/:id/outcome')
  @ApiOperation({ summary: "Records (or corrects) the caller's side of an accepted meeting: took place or not, and where it led" })
  record(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: RecordMeetingOutcomeDto): Promise<MeetingOutcomeView> {
    return this.outcomes.record(principal, id, dto);
  }

  @Get('meeting-requests/:id/outcome')
  @ApiOperation({ summary: "The caller's own record of the meeting (staff name the organisation)" })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Query() query: MeetingOutcomeQueryDto): Promise<MeetingOutcomeView> {
    return this.outcomes.get(principal, id, query.organisationId);
  }

  @Get('meeting-outcomes/summary')
  @Roles('staff')
  @ApiOperation({ summary: 'Staff: how accepted meetings went, in aggregate' })
  summary(@CurrentPrincipal() principal: Principal): Promise<MeetingOutcomeSummary> {
    return this.outcomes.summary(principal);
  }
}
