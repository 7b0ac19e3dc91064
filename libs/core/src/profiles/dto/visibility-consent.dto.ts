import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class VisibilityConsentDto {
  @ApiProperty({ description: 'true: show the profile to other organisations; false: withdraw, hiding it from search and everyone\'s matches' })
  @IsBoolean()
  consent: boolean;
}
