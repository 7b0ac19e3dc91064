import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { TaxonomyTagsDto } from './taxonomy-tags.dto';

/** What every new profile (company, fund, research centre) carries besides its own fields: tags and consent. */
export class NewProfileDto extends TaxonomyTagsDto {
  @ApiPropertyOptional({
    default: false,
    description: 'explicit consent to show this profile to other organisations (search, matches, profile pages); without it only its members and hub staff see it. Change it later at /api/v1/organisations/{id}/visibility-consent',
  })
  @IsOptional()
  @IsBoolean()
  visibilityConsent?: boolean;
}
