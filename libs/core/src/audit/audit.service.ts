import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '@hub/domain';
import type { Principal } from '../auth/principal';
import { OrganisationAccess } from '../profiles/organisation-access';
import type { AuditSubjectType } from './audit';
import type { ListAuditEventsQueryDto } from './dto/list-audit-events-query.dto';

export interface AuditEventView {
  id: string;
  action: string;
  subjectType: AuditSubjectType;
  subjectId: string;
  /** Null when nobody decided (an expiry). */
  actor: { userId: string; email: string } | null;
  organisation: { id: string; name: string | null } | null;
  details: Record<string, unknown>;
  at: string;
}

export interface AuditEventPage {
  items: AuditEventView[];
  total: number;
  limit: number;
  offset: number;
}

/** Staff's view of every recorded decision: who, what, when, newest first. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(principal: Principal, query: ListAuditEventsQueryDto): Promise<AuditEventPage> {
    if (!OrganisationAccess.isStaff(principal)) throw AppError.forbidden('only hub staff may read the audit trail');
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const filters = [query.organisationId ?? null, query.subjectType ?? null, query.subjectId ?? null, query.action ?? null];
    const where = `WHERE ($1::uuid IS NULL OR a.organisation_id = $1) AND ($2::text IS NULL OR a.subject_type = $2)
                     AND ($3::uuid IS NULL OR a.subject_id = $3) AND ($4::text IS NULL OR a.action = $4)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT a.*, u.email AS actor_email, coalesce(c.name, f.name, r.name) AS organisation_name
           FROM audit_events a
           LEFT JOIN users u ON u.id = a.actor_user_id
           LEFT JOIN companies c ON c.id = a.organisation_id LEFT JOIN funds f ON f.id = a.organisation_id LEFT JOIN research_centres r ON r.id = a.organisation_id
         ${where} ORDER BY a.created_at DESC, a.id DESC LIMIT $5 OFFSET $6`,
        [...filters, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM audit_events a ${where}`, filters),
    ]);
    const items: AuditEventView[] = rows.map((row: Record<string, unknown>) => ({
      id: String(row.id),
      action: row.action as string,
      subjectType: row.subject_type as AuditSubjectType,
      subjectId: row.subject_id as string,
      actor: row.actor_user_id ? { userId: row.actor_user_id as string, email: row.actor_email as string } : null,
      organisation: row.organisation_id ? { id: row.organisation_id as string, name: (row.organisation_name as string | null) ?? null } : null,
      details: row.details as Record<string, unknown>,
      at: new Date(row.created_at as string).toISOString(),
    }));
    return { items, total, limit, offset };
  }
}
