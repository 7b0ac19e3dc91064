import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ListMeetingProposalsQueryDto,
  MeetingProposalRunsService,
  MeetingProposalsService,
  Roles,
  StartProposalRunDto,
  type MeetingProposalPage,
  type MeetingProposalRunStatus,
  type MeetingProposalRunView,
  type MeetingProposalView,
  type Principal,
} from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Meetings the platform proposes: organisations answer them, staff run the proposal job and read its coverage. */
@ApiTags('meeting proposals')
@ApiBearerAuth()
@Controller('api/v1/meeting-proposals')
export class MeetingProposalsController {
  constructor(
    private readonly proposals: MeetingProposalsService,
    private readonly runs: MeetingProposalRunsService,
  ) {}

  @Post('runs')
  @HttpCode(202)
  @Roles('staff')
  @ApiOperation({ summary: 'Staff: proposes meetings to every organisation (global; per event once events exist); follow it at GET runs/:id' })
  start(@CurrentPrincipal() principal: Principal, @Body() dto: StartProposalRunDto): Promise<{ runId: string; status: MeetingProposalRunStatus }> {
    return this.runs.start(principal, dto);
  }

  @Get('runs/:id')
  @Roles('staff')
  @ApiOperation({ summary: 'Staff: a run’s status and coverage (how many organisations got how many proposals)' })
  run(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<MeetingProposalRunView> {
    return this.runs.status(principal, id);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s organisation’s proposals (open and accepted by default); staff pass organisationId' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListMeetingProposalsQueryDto): Promise<MeetingProposalPage> {
    return this.proposals.list(principal, query);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirms on the caller’s side; when both sides have, the proposal becomes an accepted meeting request' })
  confirm(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<MeetingProposalView> {
    return this.proposals.confirm(principal, id);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismisses the proposal for both sides (the other is not told who dismissed it)' })
  dismiss(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<MeetingProposalView> {
    return this.proposals.dismiss(principal, id);
  }
}
