import { IntersectionType, PartialType } from '@nestjs/swagger';
import { CreateCompanyDto } from './create-company.dto';
import { VersionDto } from './version.dto';

/** PATCH body: every field optional, plus the required `version` read by the client. */
export class UpdateCompanyDto extends IntersectionType(PartialType(CreateCompanyDto), VersionDto) {}
