import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { ProfileImportService } from './profile-import.service';

@Module({
  imports: [ProfilesModule],
  providers: [ProfileImportService],
  exports: [ProfileImportService],
})
export class ImportsModule {}
