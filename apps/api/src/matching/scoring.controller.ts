import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RescoreStatusService, Roles, ScoringConfigService, UpdateScoringConfigDto, type Principal, type RescoreStatus, type ScoringConfigUpdate } from '@hub/core';
import type { ScoringConfig } from '@hub/domain';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Staff: the scoring weights (versioned) and full rescores. */
@ApiTags('scoring')
@ApiBearerAuth()
@Roles('staff')
@Controller('api/v1/scoring')
export class ScoringController {
  constructor(
    private readonly configs: ScoringConfigService,
    private readonly rescores: RescoreStatusService,
  ) {}

  @Get('config')
  config(): Promise<ScoringConfig> {
    return this.configs.current();
  }

  @Put('config')
  @ApiOperation({ summary: 'Saves the weights as a new version and starts a full rescore' })
  update(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateScoringConfigDto): Promise<ScoringConfigUpdate> {
    return this.configs.update(principal, dto);
  }

  @Post('rescores')
  @HttpCode(202)
  @ApiOperation({ summary: 'Starts a full rescore; follow it at GET /api/v1/scoring/rescores/:runId' })
  async rescore(@CurrentPrincipal() principal: Principal): Promise<{ runId: string }> {
    return { runId: await this.configs.startRescore(principal) };
  }

  @Get('rescores/:runId')
  status(@Param('runId', ParseIdPipe) runId: string): Promise<RescoreStatus> {
    return this.rescores.status(runId);
  }
}
