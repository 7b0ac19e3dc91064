import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { MATCH_AREAS, MEETING_MESSAGE_MAX, type MatchArea } from '@hub/domain';

/** POST /api/v1/meeting-requests: from a match, or directly to an organisation in an area. */
export class CreateMeetingRequestDto {
  @ApiPropertyOptional({ description: 'the match that suggested the meeting (then area and counterpart come from it)' })
  @ValidateIf((dto: CreateMeetingRequestDto) => dto.toOrganisationId === undefined || dto.matchId !== undefined)
  @IsUUID('all', { message: 'matchId must be a UUID (or give toOrganisationId and area instead)' })
  matchId?: string;

  @ApiPropertyOptional({ description: 'the organisation to meet, when there is no match' })
  @ValidateIf((dto: CreateMeetingRequestDto) => dto.matchId === undefined || dto.toOrganisationId !== undefined)
  @IsUUID('all', { message: 'toOrganisationId must be a UUID (or give matchId instead)' })
  toOrganisationId?: string;

  @ApiPropertyOptional({ enum: MATCH_AREAS, description: 'required with toOrganisationId' })
  @ValidateIf((dto: CreateMeetingRequestDto) => dto.toOrganisationId !== undefined || dto.area !== undefined)
  @IsIn(MATCH_AREAS, { message: `area must be one of ${MATCH_AREAS.join(', ')}` })
  area?: MatchArea;

  @ApiPropertyOptional({ description: 'the partnering event the meeting is for (both organisations take part in it); its quota and expiry apply' })
  @IsOptional()
  @IsUUID('all', { message: 'eventId must be a UUID' })
  eventId?: string;

  @ApiPropertyOptional({ maxLength: MEETING_MESSAGE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(MEETING_MESSAGE_MAX, { message: `message must be at most ${MEETING_MESSAGE_MAX} characters` })
  message?: string;
}
