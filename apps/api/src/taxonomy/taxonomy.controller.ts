import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TAXONOMY, type TaxonomyDefinition } from '@hub/domain';
import { Public } from '@hub/core';

/** The vocabulary of every profile, with Italian and English labels; public so sign-up forms can use it. */
@ApiTags('taxonomy')
@Public()
@Controller('api/v1/taxonomy')
export class TaxonomyController {
  @Get()
  get(): TaxonomyDefinition {
    return TAXONOMY;
  }
}
