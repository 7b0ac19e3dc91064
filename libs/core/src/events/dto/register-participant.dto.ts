import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';

export class RegisterParticipantDto {
  @ApiProperty()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId!: string;

  @ApiPropertyOptional({ type: [String], description: 'slot ids the participant can attend; omitted = every slot' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'availability must name at least one slot (omit it for every slot)' })
  @ArrayMaxSize(400)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each of availability must be a slot id' })
  availability?: string[];

  @ApiPropertyOptional({ description: 'with host tables: stays at one table (defaults to true for funds and research centres)' })
  @IsOptional()
  @IsBoolean()
  host?: boolean;
}
