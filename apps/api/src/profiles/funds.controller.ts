import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FundsService, CreateFundDto, ListFundsQueryDto, UpdateFundDto, type FundView, type Page, type Principal } from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('api/v1/funds')
export class FundsController {
  constructor(private readonly funds: FundsService) {}

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateFundDto): Promise<FundView> {
    return this.funds.create(principal, dto);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListFundsQueryDto): Promise<Page<FundView>> {
    return this.funds.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<FundView> {
    return this.funds.get(principal, id);
  }

  @Patch(':id')
  update(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateFundDto): Promise<FundView> {
    return this.funds.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.funds.remove(principal, id);
  }
}
