import { IntersectionType, PartialType } from '@nestjs/swagger';
import { CreateTechnologyOfferDto } from './create-technology-offer.dto';
import { VersionDto } from './version.dto';

/** PATCH body: every field optional, plus the required `version` read by the client. */
export class UpdateTechnologyOfferDto extends IntersectionType(PartialType(CreateTechnologyOfferDto), VersionDto) {}
