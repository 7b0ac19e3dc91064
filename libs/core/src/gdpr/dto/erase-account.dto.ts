import { ApiProperty } from '@nestjs/swagger';
import { Equals } from 'class-validator';

/** The caller types ERASE: an erasure cannot be undone. */
export class EraseAccountDto {
  @ApiProperty({ enum: ['ERASE'], description: 'must be exactly "ERASE"' })
  @Equals('ERASE', { message: 'confirm must be "ERASE": the account and the organisation are deleted for good' })
  confirm!: 'ERASE';
}
