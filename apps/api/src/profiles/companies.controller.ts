import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CompaniesService, CreateCompanyDto, ListCompaniesQueryDto, UpdateCompanyDto, type CompanyView, type Page, type Principal } from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('api/v1/companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateCompanyDto): Promise<CompanyView> {
    return this.companies.create(principal, dto);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListCompaniesQueryDto): Promise<Page<CompanyView>> {
    return this.companies.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<CompanyView> {
    return this.companies.get(principal, id);
  }

  @Patch(':id')
  update(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateCompanyDto): Promise<CompanyView> {
    return this.companies.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.companies.remove(principal, id);
  }
}
