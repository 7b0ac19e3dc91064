import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class ScheduleQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'a given version; the newest when omitted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'version must be an integer' })
  @Min(1)
  version?: number;
}

export class ScheduleDiffQueryDto {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt({ message: 'from must be a version number' })
  @Min(1)
  from!: number;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt({ message: 'to must be a version number' })
  @Min(1)
  to!: number;
}
