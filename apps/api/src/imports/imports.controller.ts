import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppError } from '@hub/domain';
import { IMPORT_KINDS, ProfileImportService, Roles, type ImportKind, type ImportResult, type Principal } from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { multipartFile } from '../common/multipart-file';

/** Uploads above this size are refused with 413 while streaming, before they fill memory or disk. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

@ApiTags('imports')
@ApiBearerAuth()
@Roles('staff')
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly importer: ProfileImportService) {}

  @Post(':kind')
  @HttpCode(200)
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  async import(@CurrentPrincipal() principal: Principal, @Param('kind') kind: string, @Req() request: Request): Promise<ImportResult> {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
      throw AppError.validation([{ field: 'kind', rule: 'isIn', message: `kind must be one of: ${IMPORT_KINDS.join(', ')}` }]);
    }
    const file = await multipartFile(request, MAX_UPLOAD_BYTES);
    return this.importer.import(kind as ImportKind, file, principal.userId);
  }
}
