import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOverviewService, Roles, type AdminOverview } from '@hub/core';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('staff')
@Controller('api/v1/admin/overview')
export class AdminOverviewController {
  constructor(private readonly overview: AdminOverviewService) {}

  @Get()
  @ApiOperation({ summary: 'Staff: counts, the outbox backlog, each queue’s jobs and the latest failures' })
  get(): Promise<AdminOverview> {
    return this.overview.overview();
  }
}
