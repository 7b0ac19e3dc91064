import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class MeetingOutcomeQueryDto {
  @ApiPropertyOptional({ description: "staff only: whose side's record to read" })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
}
