import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ResearchCentresService, CreateResearchCentreDto, ListResearchCentresQueryDto, UpdateResearchCentreDto, type ResearchCentreView, type Page, type Principal } from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('research-centres')
@ApiBearerAuth()
@Controller('api/v1/research-centres')
export class ResearchCentresController {
  constructor(private readonly researchCentres: ResearchCentresService) {}

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateResearchCentreDto): Promise<ResearchCentreView> {
    return this.researchCentres.create(principal, dto);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListResearchCentresQueryDto): Promise<Page<ResearchCentreView>> {
    return this.researchCentres.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<ResearchCentreView> {
    return this.researchCentres.get(principal, id);
  }

  @Patch(':id')
  update(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateResearchCentreDto): Promise<ResearchCentreView> {
    return this.researchCentres.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.researchCentres.remove(principal, id);
  }
}
