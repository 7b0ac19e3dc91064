import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EraseAccountDto, GdprService, type ErasureReport, type PersonalDataExport, type Principal } from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';

@ApiTags('gdpr')
@ApiBearerAuth()
@Controller('api/v1/me')
export class GdprController {
  constructor(private readonly gdpr: GdprService) {}

  @Get('export')
  @ApiOperation({ summary: 'Everything the platform holds about the caller and their organisation (JSON download)' })
  async export(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<PersonalDataExport> {
    const data = await this.gdpr.export(principal);
    res.setHeader('Content-Disposition', `attachment; filename="hub-match-export-${data.exportedAt.slice(0, 10)}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    return data;
  }

  @Post('erase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Erases the caller’s account and organisation for good (body {confirm: "ERASE"}); audit rows are kept, anonymised' })
  erase(@CurrentPrincipal() principal: Principal, @Body() _dto: EraseAccountDto): Promise<ErasureReport> {
    return this.gdpr.erase(principal);
  }
}
