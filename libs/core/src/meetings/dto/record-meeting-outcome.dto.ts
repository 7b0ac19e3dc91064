import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FOLLOW_UP_STATUSES, MEETING_OUTCOMES, OUTCOME_NOTE_MAX, type FollowUpStatus, type MeetingOutcome } from '@hub/domain';

/** One side's account of an accepted meeting; private to that side and staff. */
export class RecordMeetingOutcomeDto {
  @ApiProperty({ enum: MEETING_OUTCOMES })
  @IsIn(MEETING_OUTCOMES, { message: `outcome must be one of ${MEETING_OUTCOMES.join(', ')}` })
  outcome!: MeetingOutcome;

  @ApiPropertyOptional({ enum: FOLLOW_UP_STATUSES, default: 'none', description: 'only a meeting that took place can lead anywhere' })
  @IsOptional()
  @IsIn(FOLLOW_UP_STATUSES, { message: `followUp must be one of ${FOLLOW_UP_STATUSES.join(', ')}` })
  followUp?: FollowUpStatus;

  @ApiPropertyOptional({ maxLength: OUTCOME_NOTE_MAX, nullable: true })
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(OUTCOME_NOTE_MAX, { message: `note must be at most ${OUTCOME_NOTE_MAX} characters` })
  note?: string | null;
}
