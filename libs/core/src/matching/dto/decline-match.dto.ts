import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DECLINE_REASONS, type DeclineReason } from '@hub/domain';

/** Why the caller's organisation declines a match: kept from the other side, fed back to scoring. */
export class DeclineMatchDto {
  @ApiProperty({ enum: DECLINE_REASONS, description: 'stage, ticket and area also lower similar matches; timing and other hide this one only' })
  @IsIn(DECLINE_REASONS, { message: `reason must be one of ${DECLINE_REASONS.join(', ')}` })
  reason!: DeclineReason;
}
