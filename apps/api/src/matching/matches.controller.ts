import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListMatchesQueryDto, MatchesService, type MatchPage, type MatchView, type Principal } from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('matches')
@ApiBearerAuth()
@Controller('api/v1/matches')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Get()
  @ApiOperation({ summary: "The caller's organisation's ranked matches, best first, each with its top reasons" })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListMatchesQueryDto): Promise<MatchPage> {
    return this.matches.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One match with every factor of its explanation (its parties and staff only)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<MatchView> {
    return this.matches.get(principal, id);
  }
}
