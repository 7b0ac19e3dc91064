import { IntersectionType, PartialType } from '@nestjs/swagger';
import { VersionDto } from '../../profiles/dto/version.dto';
import { CreateEventDto } from './create-event.dto';

/** PATCH body: every field optional, plus the `version` read by the client (a stale one is a 409). */
export class UpdateEventDto extends IntersectionType(PartialType(CreateEventDto), VersionDto) {}
