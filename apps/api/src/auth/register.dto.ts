import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, SELF_SERVICE_ROLES, type Language } from '@hub/domain';
import { PasswordPolicy } from './password-policy.validator';

export class RegisterDto {
  @ApiProperty({ example: 'founder@example.org' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: 'at least 5 different characters, not a common password, not containing the e-mail name' })
  @IsString()
  @PasswordPolicy('email')
  password: string;

  @ApiProperty({ enum: SELF_SERVICE_ROLES, description: 'staff accounts are created from the command line only' })
  @IsIn(SELF_SERVICE_ROLES, { message: `role must be one of: ${SELF_SERVICE_ROLES.join(', ')}` })
  role: (typeof SELF_SERVICE_ROLES)[number];

  @ApiPropertyOptional({ enum: ['it', 'en'], default: 'en' })
  @IsOptional()
  @IsIn(['it', 'en'])
  language?: Language;
}
