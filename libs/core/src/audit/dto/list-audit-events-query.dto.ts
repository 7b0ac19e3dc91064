import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { LimitOffsetQueryDto } from '../../common/limit-offset.dto';
import { AUDIT_SUBJECT_TYPES, type AuditSubjectType } from '../audit';

export class ListAuditEventsQueryDto extends LimitOffsetQueryDto {
  @ApiPropertyOptional({ description: 'decisions taken on behalf of this organisation' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;

  @ApiPropertyOptional({ enum: AUDIT_SUBJECT_TYPES })
  @IsOptional()
  @IsIn(AUDIT_SUBJECT_TYPES, { message: `subjectType must be one of ${AUDIT_SUBJECT_TYPES.join(', ')}` })
  subjectType?: AuditSubjectType;

  @ApiPropertyOptional({ description: 'one meeting request, match or proposal' })
  @IsOptional()
  @IsUUID('all', { message: 'subjectId must be a UUID' })
  subjectId?: string;

  @ApiPropertyOptional({ example: 'meeting_request.accepted' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}\.[a-z_]{1,40}$/, { message: 'action must look like subject.verb, e.g. meeting_request.accepted' })
  action?: string;
}
