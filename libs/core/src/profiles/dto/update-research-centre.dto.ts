import { IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { CreateResearchCentreDto } from './create-research-centre.dto';
import { VersionDto } from './version.dto';

/** PATCH body: every field optional, plus the required `version` read by the client; consent has its own route. */
export class UpdateResearchCentreDto extends IntersectionType(PartialType(OmitType(CreateResearchCentreDto, ['visibilityConsent'] as const)), VersionDto) {}
