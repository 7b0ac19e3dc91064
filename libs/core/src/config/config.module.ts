import { Global, Module } from '@nestjs/common';
import { EnvData } from './env-data';
import { loadEnv } from './load-env';

/** Validates the environment once, at boot, and provides the typed result to every module. */
@Global()
@Module({
  providers: [{ provide: EnvData, useFactory: () => loadEnv() }],
  exports: [EnvData],
})
export class ConfigModule {}
