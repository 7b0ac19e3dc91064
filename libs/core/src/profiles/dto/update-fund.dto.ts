import { IntersectionType, PartialType } from '@nestjs/swagger';
import { CreateFundDto } from './create-fund.dto';
import { VersionDto } from './version.dto';

/** PATCH body: every field optional, plus the required `version` read by the client. */
export class UpdateFundDto extends IntersectionType(PartialType(CreateFundDto), VersionDto) {}
