import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateTechnologyOfferDto,
  PaginationQueryDto,
  TechnologyOffersService,
  UpdateTechnologyOfferDto,
  type Page,
  type Principal,
  type TechnologyOfferView,
} from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('technology-offers')
@ApiBearerAuth()
@Controller('api/v1/research-centres/:id/technology-offers')
export class TechnologyOffersController {
  constructor(private readonly offers: TechnologyOffersService) {}

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) centreId: string, @Body() dto: CreateTechnologyOfferDto): Promise<TechnologyOfferView> {
    return this.offers.create(principal, centreId, dto);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) centreId: string, @Query() query: PaginationQueryDto): Promise<Page<TechnologyOfferView>> {
    return this.offers.list(principal, centreId, query);
  }

  @Get(':offerId')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) centreId: string, @Param('offerId', ParseIdPipe) offerId: string): Promise<TechnologyOfferView> {
    return this.offers.get(principal, centreId, offerId);
  }

  @Patch(':offerId')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) centreId: string,
    @Param('offerId', ParseIdPipe) offerId: string,
    @Body() dto: UpdateTechnologyOfferDto,
  ): Promise<TechnologyOfferView> {
    return this.offers.update(principal, centreId, offerId, dto);
  }

  @Delete(':offerId')
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) centreId: string, @Param('offerId', ParseIdPipe) offerId: string): Promise<void> {
    return this.offers.remove(principal, centreId, offerId);
  }
}
