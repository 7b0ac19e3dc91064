import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeclineMatchDto, ListMatchesQueryDto, MatchesService, MatchReviewsService, type MatchPage, type MatchView, type Principal } from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('matches')
@ApiBearerAuth()
@Controller('api/v1/matches')
export class MatchesController {
  constructor(
    private readonly matches: MatchesService,
    private readonly reviews: MatchReviewsService,
  ) {}

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

  @Post(':id/shortlist')
  @HttpCode(200)
  @ApiOperation({ summary: "Shortlists the match for the caller's organisation (private to it; positive feedback for scoring)" })
  shortlist(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<MatchView> {
    return this.reviews.shortlist(principal, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declines the match with a reason: hidden from the default list, never shown to the other side, fed back to scoring' })
  decline(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: DeclineMatchDto): Promise<MatchView> {
    return this.reviews.decline(principal, id, dto.reason);
  }

  @Delete(':id/review')
  @ApiOperation({ summary: "Takes back the caller's shortlist or decline" })
  clearReview(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<MatchView> {
    return this.reviews.clear(principal, id);
  }
}
