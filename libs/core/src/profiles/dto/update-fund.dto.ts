import { IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { CreateFundDto } from './create-fund.dto';
import { VersionDto } from './version.dto';

/** PATCH body: every field optional, plus the required `version` read by the client; consent has its own route. */
export class UpdateFundDto extends IntersectionType(PartialType(OmitType(CreateFundDto, ['visibilityConsent'] as const)), VersionDto) {}
