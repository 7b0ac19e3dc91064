import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { GdprService } from './gdpr.service';
import { RetentionService } from './retention.service';

/** Data-subject rights (export and erasure of a member's account and organisation) and retention purging. */
@Module({
  imports: [ProfilesModule, MatchingModule, MeetingsModule],
  providers: [GdprService, RetentionService],
  exports: [GdprService, RetentionService],
})
export class GdprModule {}
