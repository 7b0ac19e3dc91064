import { Module } from '@nestjs/common';
import { CoreModule, SeedModule } from '@hub/core';

/** The command line's entry module: the shared core plus the seeding service; no HTTP server. */
@Module({
  imports: [CoreModule, SeedModule],
})
export class CliModule {}
