import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** Staff moving or (un)locking one scheduled meeting; each change is a new schedule version. */
export class AdjustScheduledMeetingDto {
  @ApiPropertyOptional({ description: 'move to this slot' })
  @IsOptional()
  @IsUUID('all', { message: 'slotId must be a slot id' })
  slotId?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'move to this table (numbered from 1)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  table?: number;

  @ApiPropertyOptional({ description: 'a locked meeting never moves when the scheduler runs again' })
  @IsOptional()
  @IsBoolean()
  locked?: boolean;
}
