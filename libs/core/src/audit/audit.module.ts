import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit trail of decisions, for staff (rows are written by each use case, in its transaction: see recordAudit). */
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
