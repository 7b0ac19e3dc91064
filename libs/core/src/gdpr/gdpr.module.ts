import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { GdprService } from './gdpr.service';

/** Data-subject rights: export and erasure of a member's account and organisation. */
@Module({
  imports: [ProfilesModule, MatchingModule, MeetingsModule],
  providers: [GdprService],
  exports: [GdprService],
})
export class GdprModule {}
