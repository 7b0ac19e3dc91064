import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RefreshDto {
  @ApiProperty({ description: 'the refreshToken of the last login, refresh or password change' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}
