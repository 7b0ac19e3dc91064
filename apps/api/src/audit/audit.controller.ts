import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService, ListAuditEventsQueryDto, Roles, type AuditEventPage, type Principal } from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';

@ApiTags('audit')
@ApiBearerAuth()
// Staff only, refused before the query is validated: nobody else learns the query's rules.
@Roles('staff')
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Staff: every recorded decision (who, what, when), newest first' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAuditEventsQueryDto): Promise<AuditEventPage> {
    return this.audit.list(principal, query);
  }
}
