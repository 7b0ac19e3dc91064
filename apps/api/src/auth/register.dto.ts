import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SELF_SERVICE_ROLES, type Language } from '@hub/domain';

export class RegisterDto {
  @ApiProperty({ example: 'founder@example.org' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  password: string;

  @ApiProperty({ enum: SELF_SERVICE_ROLES, description: 'staff accounts are created from the command line only' })
  @IsIn(SELF_SERVICE_ROLES, { message: `role must be one of: ${SELF_SERVICE_ROLES.join(', ')}` })
  role: (typeof SELF_SERVICE_ROLES)[number];

  @ApiPropertyOptional({ enum: ['it', 'en'], default: 'en' })
  @IsOptional()
  @IsIn(['it', 'en'])
  language?: Language;
}
