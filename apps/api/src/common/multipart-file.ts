import busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough } from 'node:stream';
import { AppError, ErrorCode } from '@hub/domain';

/** Resolves with the stream of the multipart field `file` as soon as its headers arrive. */
export function multipartFile(request: Request, maxBytes: number): Promise<PassThrough> {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    throw AppError.validation([{ field: 'file', rule: 'multipart', message: 'send the CSV as multipart/form-data in a field named file' }]);
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: maxBytes } });
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
      stream.on('limit', () => file.destroy(new AppError(ErrorCode.PayloadTooLarge, `file is larger than ${maxBytes / 1024 / 1024} MB`)));
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

/** The whole uploaded file as text (small files only: meeting lists). */
export async function multipartText(request: Request, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await multipartFile(request, maxBytes)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
