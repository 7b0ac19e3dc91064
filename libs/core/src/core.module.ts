import { Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { GdprModule } from './gdpr/gdpr.module';
import { ImportsModule } from './imports/imports.module';
import { LoggingModule } from './logging/logging.module';
import { MatchingModule } from './matching/matching.module';
import { MeetingsModule } from './meetings/meetings.module';
import { ProfilesModule } from './profiles/profiles.module';
import { RedisModule } from './redis/redis.module';
import { SearchModule } from './search/search.module';

/**
 * The providers api, worker and cli share. Entry modules add only what is theirs: controllers and guards
 * (api), processors (worker), commands (cli).
 */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, AuthModule, ProfilesModule, ImportsModule, SearchModule, MatchingModule, MeetingsModule, AuditModule, EventsModule, AdminModule, GdprModule],
  exports: [ConfigModule, DatabaseModule, RedisModule, AuthModule, ProfilesModule, ImportsModule, SearchModule, MatchingModule, MeetingsModule, AuditModule, EventsModule, AdminModule, GdprModule],
})
export class CoreModule {}
