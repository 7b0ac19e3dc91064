import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID, ValidateIf } from 'class-validator';

/** The slots the participant can attend; null = every slot. */
export class UpdateAvailabilityDto {
  @ApiProperty({ type: [String], nullable: true })
  @ValidateIf((dto: UpdateAvailabilityDto) => dto.availability !== null)
  @IsArray({ message: 'availability must be a list of slot ids, or null for every slot' })
  @ArrayMinSize(1, { message: 'availability must name at least one slot (null for every slot)' })
  @ArrayMaxSize(400)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each of availability must be a slot id' })
  availability!: string[] | null;
}
