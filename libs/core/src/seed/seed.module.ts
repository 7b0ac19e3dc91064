import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [AuthModule, ProfilesModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class SeedModule {}
