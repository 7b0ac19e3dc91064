import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class LogoutDto {
  @ApiPropertyOptional({ default: false, description: "true: end every session of the account (all devices), not only this one" })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}
