import { IntersectionType, PartialType } from '@nestjs/swagger';
import { CreateResearchCentreDto } from './create-research-centre.dto';
import { VersionDto } from './version.dto';

/** PATCH body: every field optional, plus the required `version` read by the client. */
export class UpdateResearchCentreDto extends IntersectionType(PartialType(CreateResearchCentreDto), VersionDto) {}
