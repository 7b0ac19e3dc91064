import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AdjustScheduledMeetingDto,
  AgendaService,
  Roles,
  ScheduleDiffQueryDto,
  ScheduleQueryDto,
  ScheduleService,
  type AgendaView,
  type Principal,
  type ScheduleDiffView,
  type ScheduleView,
} from '@hub/core';
import { AppError, type TableSheet } from '@hub/domain';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

/**
 * A file download. Headers are set only once the body exists: set earlier (by `@Header`), they would also label
 * an error's JSON body as the file.
 */
function download(res: Response, body: string, type: string, filename: string): string {
  res.setHeader('content-type', `${type}; charset=utf-8`);
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  return body;
}

@ApiTags('schedule')
@ApiBearerAuth()
@Controller('api/v1/events/:id')
export class ScheduleController {
  constructor(
    private readonly schedule: ScheduleService,
    private readonly agendas: AgendaService,
  ) {}

  @Post('schedule')
  @Roles('staff')
  @HttpCode(202)
  @ApiOperation({ summary: 'Staff: runs the scheduler in the worker; locked and published meetings stay, the rest is re-planned' })
  run(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.schedule.requestRun(principal, id);
  }

  @Get('schedule')
  @Roles('staff')
  @ApiOperation({ summary: 'Staff: the newest schedule version (or ?version=N): meetings, unscheduled ones with reasons, statistics' })
  get(@Param('id', ParseIdPipe) id: string, @Query() query: ScheduleQueryDto): Promise<ScheduleView> {
    return this.schedule.get(id, query.version);
  }

  @Get('schedule/versions')
  @Roles('staff')
  versions(@Param('id', ParseIdPipe) id: string) {
    return this.schedule.versions(id);
  }

  @Get('schedule/diff')
  @Roles('staff')
  @ApiOperation({ summary: 'Staff: what changed between two versions' })
  diff(@Param('id', ParseIdPipe) id: string, @Query() query: ScheduleDiffQueryDto): Promise<ScheduleDiffView> {
    return this.schedule.diff(id, query.from, query.to);
  }

  @Patch('schedule/meetings/:meetingId')
  @Roles('staff')
  @ApiOperation({ summary: 'Staff: move (slotId, table), lock or unlock a meeting; a new version' })
  adjust(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
    @Body() dto: AdjustScheduledMeetingDto,
  ): Promise<ScheduleView> {
    return this.schedule.adjust(principal, id, meetingId, dto);
  }

  @Post('schedule/meetings/:meetingId/cancel')
  @Roles('staff')
  @HttpCode(200)
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Param('meetingId', ParseIdPipe) meetingId: string): Promise<ScheduleView> {
    return this.schedule.cancel(principal, id, meetingId);
  }

  @Post('schedule/publish')
  @Roles('staff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff: publishes the newest completed version; its meetings never move again' })
  publish(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<ScheduleView> {
    return this.schedule.publish(principal, id);
  }

  @Get('schedule.csv')
  @Roles('staff')
  async eventCsv(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return download(res, await this.agendas.eventCsv(id), 'text/csv', 'schedule.csv');
  }

  @Get('tables')
  @Roles('staff')
  @ApiOperation({ summary: 'Staff: one sheet per table, to print' })
  tables(@Param('id', ParseIdPipe) id: string): Promise<TableSheet[]> {
    return this.agendas.tables(id);
  }

  @Get('tables/:table.csv')
  @Roles('staff')
  async tableCsv(@Param('id', ParseIdPipe) id: string, @Param('table') table: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    if (!/^[1-9]\d{0,3}$/.test(table)) throw AppError.validation([{ field: 'table', rule: 'isInt', message: 'table must be a table number from 1' }]);
    const sheet = (await this.agendas.tables(id)).find((s) => s.table === Number(table));
    if (!sheet) throw AppError.notFound('table', `${table} (no meeting there)`);
    return download(res, sheet.csv, 'text/csv', `table-${table}.csv`);
  }

  @Get('agenda/:organisationId.ics')
  @ApiOperation({ summary: "An organisation's agenda as iCalendar (its members and staff)" })
  async ics(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Param('organisationId', ParseIdPipe) organisationId: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return download(res, await this.agendas.ics(principal, id, organisationId, 'en'), 'text/calendar', `agenda-${organisationId}.ics`);
  }

  @Get('agenda/:organisationId.csv')
  async csv(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Param('organisationId', ParseIdPipe) organisationId: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return download(res, await this.agendas.csv(principal, id, organisationId), 'text/csv', `agenda-${organisationId}.csv`);
  }

  @Get('agenda/:organisationId')
  @ApiOperation({ summary: "An organisation's agenda: the published schedule's meetings it is in" })
  agenda(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Param('organisationId', ParseIdPipe) organisationId: string): Promise<AgendaView> {
    return this.agendas.agenda(principal, id, organisationId);
  }
}
