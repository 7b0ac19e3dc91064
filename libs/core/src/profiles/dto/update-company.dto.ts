import { IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { CreateCompanyDto } from './create-company.dto';
import { VersionDto } from './version.dto';

/** PATCH body: every field optional, plus the required `version` read by the client; consent has its own route. */
export class UpdateCompanyDto extends IntersectionType(PartialType(OmitType(CreateCompanyDto, ['visibilityConsent'] as const)), VersionDto) {}
