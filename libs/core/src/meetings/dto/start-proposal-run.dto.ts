import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PROPOSAL_DEFAULTS, PROPOSAL_LIMITS } from '@hub/domain';

/** POST /api/v1/meeting-proposals/runs: for one event's participants, or global without eventId. */
export class StartProposalRunDto {
  @ApiPropertyOptional({ minimum: 1, maximum: PROPOSAL_LIMITS.maxPerOrganisation, default: PROPOSAL_DEFAULTS.maxPerOrganisation, description: 'open proposals per organisation at most' })
  @IsOptional()
  @IsInt({ message: 'maxPerOrganisation must be an integer' })
  @Min(1, { message: 'maxPerOrganisation must be at least 1' })
  @Max(PROPOSAL_LIMITS.maxPerOrganisation, { message: `maxPerOrganisation must be at most ${PROPOSAL_LIMITS.maxPerOrganisation}` })
  maxPerOrganisation?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: PROPOSAL_LIMITS.maxRank, default: PROPOSAL_DEFAULTS.maxRank, description: 'both sides must rank each other within this' })
  @IsOptional()
  @IsInt({ message: 'maxRank must be an integer' })
  @Min(1, { message: 'maxRank must be at least 1' })
  @Max(PROPOSAL_LIMITS.maxRank, { message: `maxRank must be at most ${PROPOSAL_LIMITS.maxRank}` })
  maxRank?: number;

  @ApiPropertyOptional({ description: "propose among this event's participants only; their accepted proposals become the event's meetings" })
  @IsOptional()
  @IsUUID('all', { message: 'eventId must be a UUID' })
  eventId?: string;
}
