import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { VisibilityConsentDto, VisibilityConsentService, type Principal, type VisibilityConsentView } from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** An organisation's consent to be shown to other organisations (GDPR): read and changed by its members and staff. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/v1/organisations/:id/visibility-consent')
export class VisibilityConsentController {
  constructor(private readonly consents: VisibilityConsentService) {}

  @Get()
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<VisibilityConsentView> {
    return this.consents.get(principal, id);
  }

  @Put()
  set(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: VisibilityConsentDto): Promise<VisibilityConsentView> {
    return this.consents.set(principal, id, dto.consent);
  }
}
