import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';
import { AppError } from '@hub/domain';
import { flattenValidationErrors } from '../errors/validation-exception.factory';
import { CompaniesService } from '../profiles/companies.service';
import { FundsService } from '../profiles/funds.service';
import type { ProfileStore } from '../profiles/profile-store';
import { ResearchCentresService } from '../profiles/research-centres.service';
import { VisibilityConsentService } from '../profiles/visibility-consent.service';
import { IMPORT_SPECS, parseCell, type ImportKind, type ImportSpec } from './import-spec';
import type { ImportFailure, ImportResult } from './import-result';

/** Rows are validated and written in batches of this size: one round trip per batch, not per row. */
const BATCH_SIZE = 500;
const MAX_FAILURES_REPORTED = 1000;
const QUOTE_ERRORS = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_INVALID_CLOSING_QUOTE', 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE', 'INVALID_OPENING_QUOTE']);

interface RecordInfo {
  lines: number;
}

function lineBreaks(value: string | undefined): number {
  return value ? (value.match(/[\r\n]/g)?.length ?? 0) : 0;
}

interface ParsedRow {
  line: number;
  externalId: string;
  values: Record<string, unknown>;
}

interface StoredProfile extends ObjectLiteral {
  id: string;
  version: number;
  name: string;
  externalId: string | null;
}

/**
 * Staff bulk import of profiles from CSV. The file is parsed as it streams in and written in batches inside one
 * transaction: an unreadable file leaves nothing behind, while rows that break a rule are skipped and reported.
 * Idempotent by `externalId`: a row whose externalId exists updates that profile (columns present in the file
 * are overwritten, an empty cell clears the field), never duplicates it.
 */
@Injectable()
export class ProfileImportService {
  private readonly stores: Record<ImportKind, ProfileStore<StoredProfile, unknown>>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    companies: CompaniesService,
    funds: FundsService,
    researchCentres: ResearchCentresService,
  ) {
    this.stores = {
      companies: companies as unknown as ProfileStore<StoredProfile, unknown>,
      funds: funds as unknown as ProfileStore<StoredProfile, unknown>,
      'research-centres': researchCentres as unknown as ProfileStore<StoredProfile, unknown>,
    };
  }

  /**
   * `importedBy` is the staff member uploading: a `visibilityConsent` column records, per row, that the organisation
   * gave the hub its consent to be shown (true), or withdrew it (false); they are its recorded giver.
   */
  async import(kind: ImportKind, input: Readable, importedBy: string | null): Promise<ImportResult> {
    const spec = IMPORT_SPECS[kind];
    const result: ImportResult = { created: 0, updated: 0, failed: [] };
    const fail = (failure: ImportFailure) => {
      if (result.failed.length < MAX_FAILURES_REPORTED) result.failed.push(failure);
    };
    // The upload may fail (client gone, size limit) before the transaction has a connection: keep the error on the
    // stream rather than crash; pipeline() below hands it to the parser, and the loop reports it.
    input.on('error', () => undefined);

    await this.dataSource.transaction(async (manager) => {
      let headerSeen = false;
      const parser = parse({
        bom: true,
        columns: (header: string[]) => {
          headerSeen = true;
          return this.checkHeader(spec, header);
        },
        skip_empty_lines: true,
        skip_records_with_error: true,
        info: true,
        max_record_size: 200_000,
      });
      parser.on('skip', (error: Error & { code?: string; lines?: number }) => {
        // A broken quote swallows every later line into one field, so no later row can be trusted: refuse the file.
        if (error.code && QUOTE_ERRORS.has(error.code)) {
          parser.destroy(AppError.validation([{ field: 'file', rule: 'csv', message: error.message }]));
          return;
        }
        fail({ row: error.lines ?? 0, field: '*', message: `unreadable row: ${error.message}` });
      });
      // pipeline forwards an upload error into the parser, where the loop below sees it.
      pipeline(input, parser).catch(() => undefined);

      const seen = new Map<string, number>();
      let batch: ParsedRow[] = [];
      let extraLinesBefore = 0;
      try {
        for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: RecordInfo }>) {
          // Row numbers as a spreadsheet shows them: the header is row 1, blank lines count, and a record with line
          // breaks inside a quoted cell is one row (csv-parse's line count includes those breaks, \r\n as two).
          const extra = Object.values(record).reduce((sum, value) => sum + lineBreaks(value), 0);
          const row = this.toRow(spec, record, info.lines - extra - extraLinesBefore, seen, fail);
          extraLinesBefore += extra;
          if (row) batch.push(row);
          if (batch.length >= BATCH_SIZE) {
            await this.writeBatch(manager, spec, batch, result, fail, importedBy);
            batch = [];
          }
        }
      } catch (error) {
        throw this.asClientError(error);
      }
      if (!headerSeen) throw AppError.validation([{ field: 'file', rule: 'notEmpty', message: 'the file is empty: it needs a header row and at least one record' }]);
      if (batch.length > 0) await this.writeBatch(manager, spec, batch, result, fail, importedBy);
    });
    result.failed.sort((a, b) => a.row - b.row);
    return result;
  }

  /**
   * CSV syntax errors are the client's (400); upload errors already arrive as AppErrors from the controller.
   * Anything else is a fault of ours and is rethrown as it is, to become a logged 500.
   */
  private asClientError(error: unknown): unknown {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && (code.startsWith('CSV_') || code.startsWith('INVALID_'))) {
      return AppError.validation([{ field: 'file', rule: 'csv', message: (error as Error).message }]);
    }
    return error;
  }

  private checkHeader(spec: ImportSpec, header: string[]): string[] {
    const names = header.map((h) => h.trim());
    const unknown = names.filter((name) => name !== 'externalId' && !(name in spec.columns));
    const violations = [];
    if (!names.includes('externalId')) violations.push({ field: 'file', rule: 'externalIdColumn', message: 'the header must have an externalId column' });
    if (unknown.length > 0) {
      violations.push({ field: 'file', rule: 'knownColumns', message: `unknown column(s): ${unknown.join(', ')}; accepted: externalId, ${Object.keys(spec.columns).join(', ')}` });
    }
    if (violations.length > 0) throw AppError.validation(violations);
    return names;
  }

  private toRow(spec: ImportSpec, record: Record<string, string>, line: number, seen: Map<string, number>, fail: (f: ImportFailure) => void): ParsedRow | null {
    const externalId = (record.externalId ?? '').trim();
    if (externalId === '' || externalId.length > 200) {
      fail({ row: line, field: 'externalId', message: 'externalId is required (1-200 characters)' });
      return null;
    }
    const firstLine = seen.get(externalId);
    if (firstLine !== undefined) {
      fail({ row: line, field: 'externalId', message: `externalId ${externalId} already appears on line ${firstLine} of this file` });
      return null;
    }
    seen.set(externalId, line);
    const values: Record<string, unknown> = {};
    for (const [column, raw] of Object.entries(record)) {
      if (column === 'externalId') continue;
      values[column] = parseCell(spec.columns[column], raw ?? '');
    }
    return { line, externalId, values };
  }

  private async writeBatch(
    manager: EntityManager,
    spec: ImportSpec,
    rows: ParsedRow[],
    result: ImportResult,
    fail: (f: ImportFailure) => void,
    importedBy: string | null,
  ): Promise<void> {
    const store = this.stores[spec.kind];
    const entityTarget = store.entityTarget;
    const existing = await manager
      .getRepository(entityTarget)
      .createQueryBuilder('p')
      .where('p.external_id = ANY(:ids)', { ids: rows.map((r) => r.externalId) })
      .getMany();
    const byExternalId = new Map(existing.map((e) => [e.externalId as string, e]));

    const inserts: StoredProfile[] = [];
    const insertConsents: boolean[] = [];
    const updates: StoredProfile[] = [];
    const consentChanges: Array<{ id: string; consent: boolean }> = [];
    for (const row of rows) {
      const current = byExternalId.get(row.externalId);
      const violations = await this.validateRow(spec, row.values, current !== undefined);
      if (violations.length > 0) {
        for (const v of violations) fail({ row: row.line, field: v.field, message: v.message });
        continue;
      }
      // Empty cells: null clears a field on update; on a new row it means "not given", so the column default applies.
      // undefined (an empty boolean cell) never overwrites.
      const { visibilityConsent, ...profileValues } = row.values;
      const values = Object.fromEntries(Object.entries(profileValues).filter(([, v]) => v !== undefined && (current !== undefined || v !== null)));
      const merged = current
        ? manager.merge(entityTarget, manager.create(entityTarget, { ...current }), values as never)
        : manager.create(entityTarget, { ...values, externalId: row.externalId } as never);
      try {
        store.assertValid(merged);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        for (const v of error.violations) fail({ row: row.line, field: v.field, message: v.message });
        continue;
      }
      if (current) {
        merged.version = current.version + 1;
        updates.push(merged);
        if (typeof visibilityConsent === 'boolean') consentChanges.push({ id: current.id, consent: visibilityConsent });
      } else {
        inserts.push(merged);
        insertConsents.push(visibilityConsent === true);
      }
    }

    if (inserts.length > 0) {
      const ids: Array<{ id: string }> = await manager.query(
        `INSERT INTO organisations (type, visibility_consent_at, visibility_consent_by)
         SELECT $1, CASE WHEN t.consent THEN now() END, CASE WHEN t.consent THEN $3::uuid END
           FROM unnest($2::boolean[]) WITH ORDINALITY AS t(consent, n) ORDER BY t.n
         RETURNING id`,
        [spec.organisationType, insertConsents, importedBy],
      );
      inserts.forEach((entity, index) => {
        entity.id = ids[index].id;
        entity.version = 1;
      });
      await manager.insert(entityTarget, inserts);
      result.created += inserts.length;
    }
    if (updates.length > 0) {
      const metadata = manager.connection.getMetadata(entityTarget);
      const overwrite = metadata.columns
        .map((c) => c.databaseName)
        .filter((name) => !['id', 'created_at', 'external_id'].includes(name));
      for (const entity of updates) entity.updatedAt = new Date();
      await manager.createQueryBuilder().insert().into(entityTarget).values(updates).orUpdate(overwrite, ['id']).execute();
      result.updated += updates.length;
    }
    // The profile rows were just written, so their outbox rows already carry the change to the index and scoring.
    for (const { id, consent } of consentChanges) await VisibilityConsentService.record(manager, id, consent, importedBy);
  }

  private async validateRow(spec: ImportSpec, values: Record<string, unknown>, isUpdate: boolean) {
    const dto = plainToInstance(spec.dto, values);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, skipMissingProperties: isUpdate });
    return flattenValidationErrors(errors);
  }
}
