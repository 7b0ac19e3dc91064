import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough } from 'node:stream';
import { AppError, ErrorCode } from '@hub/domain';
import { IMPORT_KINDS, ProfileImportService, Roles, type ImportKind, type ImportResult } from '@hub/core';

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
  async import(@Param('kind') kind: string, @Req() request: Request): Promise<ImportResult> {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
      throw AppError.validation([{ field: 'kind', rule: 'isIn', message: `kind must be one of: ${IMPORT_KINDS.join(', ')}` }]);
    }
    const file = await this.fileStream(request);
    return this.importer.import(kind as ImportKind, file);
  }

  /** Resolves with the stream of the multipart field `file` as soon as its headers arrive. */
  private fileStream(request: Request): Promise<PassThrough> {
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.startsWith('multipart/form-data')) {
      throw AppError.validation([{ field: 'file', rule: 'multipart', message: 'send the CSV as multipart/form-data in a field named file' }]);
    }
    return new Promise((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES } });
      } catch (error) {
        reject(AppError.validation([{ field: 'file', rule: 'multipart', message: (error as Error).message }]));
        return;
      }
      let out: PassThrough | null = null;
      // Whatever breaks the upload (truncated body, client gone) must end the file stream with an error, or the
      // import would wait forever on an open transaction.
      const abort = (error: AppError) => {
        if (out) out.destroy(error);
        else reject(error);
      };
      parser.on('file', (name, stream) => {
        if (name !== 'file' || out) {
          stream.resume();
          return;
        }
        const file = new PassThrough();
        // The body may already be fully parsed; keep an early error on the stream (file.errored) for the importer.
        file.on('error', () => undefined);
        out = file;
        stream.on('limit', () => file.destroy(new AppError(ErrorCode.PayloadTooLarge, `file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)));
        stream.on('error', (error: Error) => file.destroy(AppError.validation([{ field: 'file', rule: 'multipart', message: error.message }])));
        stream.pipe(file);
        resolve(file);
      });
      parser.on('error', (error) => abort(AppError.validation([{ field: 'file', rule: 'multipart', message: (error as Error).message }])));
      parser.on('close', () => {
        if (!out) reject(AppError.validation([{ field: 'file', rule: 'required', message: 'multipart field file (the CSV) is missing' }]));
      });
      request.on('aborted', () => abort(AppError.validation([{ field: 'file', rule: 'upload', message: 'the client closed the upload' }])));
      request.pipe(parser);
    });
  }
}
