import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DECLINE_REASONS, type DeclineReason } from '@hub/domain';

/** The reason stays with the decliner and staff: the requester is told only that the request was declined. */
export class DeclineMeetingRequestDto {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS, { message: `reason must be one of ${DECLINE_REASONS.join(', ')}` })
  reason!: DeclineReason;
}
