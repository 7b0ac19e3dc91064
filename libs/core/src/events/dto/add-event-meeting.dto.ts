import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** A meeting staff add directly (lists from partner organisations): between registered participants. */
export class AddEventMeetingDto {
  @ApiProperty({ type: [String], description: 'participant ids (of this event), usually two' })
  @IsArray()
  @ArrayMinSize(2, { message: 'a meeting needs at least two participants' })
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'participantIds must be different participants' })
  @IsUUID('all', { each: true, message: 'each of participantIds must be a participant id' })
  participantIds!: string[];

  @ApiPropertyOptional({ minimum: 0.01, maximum: 1000, default: 50 })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(1000)
  priority?: number;

  @ApiPropertyOptional({ type: [String], description: 'restricts the meeting to these slots (e.g. afternoon only)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(400)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each of slotIds must be a slot id' })
  slotIds?: string[];
}
