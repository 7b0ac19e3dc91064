import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

/** Mixed into every PATCH body: the version the client read, for optimistic concurrency. */
export class VersionDto {
  @ApiProperty({ minimum: 1, description: 'the version you read; a stale one is answered 409' })
  @IsInt()
  @Min(1)
  version: number;
}
