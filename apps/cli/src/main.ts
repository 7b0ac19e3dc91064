import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { SingleBar } from 'cli-progress';
import { passwordProblems } from '@hub/domain';
import { AuthService, DemoSeedService, EnvValidationError, SearchReindexService, dataSourceOptions, loadEnv } from '@hub/core';
import { CliModule } from './cli.module';

const USAGE = `usage: npm run cli -- <command> [options]

commands:
  migrate                                        apply pending database migrations
  migrate:revert                                 revert the last migration
  create-staff --email <email> --password <pw>   create (or reset) a hub staff account
  seed-demo                                      seed the demo ecosystem and demo logins (idempotent)
  reindex                                        rebuild the search index from PostgreSQL (searches keep working meanwhile)`;

async function withDataSource<T>(run: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource({ ...dataSourceOptions(loadEnv().databaseUrl, { poolSize: 2, applicationName: 'hub-match-cli' }), logging: ['error'] });
  await dataSource.initialize();
  try {
    return await run(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function withApp<T>(run: (get: <S>(token: new (...args: never[]) => S) => S) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    return await run((token) => app.get(token));
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const applied = await withDataSource((ds) => ds.runMigrations({ transaction: 'each' }));
      console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
      return 0;
    }
    case 'migrate:revert': {
      await withDataSource((ds) => ds.undoLastMigration({ transaction: 'each' }));
      console.log('reverted the last migration');
      return 0;
    }
    case 'create-staff': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, password: { type: 'string' } }, strict: true });
      const problems: string[] = [];
      if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) problems.push('--email must be an e-mail address');
      // The same policy as the API's (at least 10 characters, not common, not the e-mail name).
      if (!values.password) problems.push('--password is required');
      else problems.push(...passwordProblems(values.password, values.email).map((p) => `--${p.message}`));
      if (problems.length) {
        console.error(problems.join('\n'));
        return 2;
      }
      const result = await withApp((get) => get(AuthService).upsertStaff(values.email as string, values.password as string));
      console.log(`${result.created ? 'created' : 'updated'} staff account ${values.email} (${result.id})`);
      return 0;
    }
    case 'seed-demo': {
      const summary = await withApp((get) => get(DemoSeedService).seed());
      console.log(JSON.stringify(summary, null, 2));
      return 0;
    }
    case 'reindex': {
      // The bar goes to stderr, so stdout keeps only the summary (scripts can parse it).
      const bar = new SingleBar({ format: 'indexing [{bar}] {percentage}% | {value}/{total} documents | {duration_formatted}', stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 1000 });
      const report = await withApp((get) =>
        get(SearchReindexService).reindex({ start: (total) => bar.start(total, 0), update: (indexed) => bar.update(indexed) }),
      ).finally(() => bar.stop());
      console.log(`reindexed ${report.documents} document(s) into ${report.engine} in ${(report.ms / 1000).toFixed(1)} s`);
      return 0;
    }
    default:
      console.error(command ? `unknown command: ${command}\n\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof EnvValidationError ? error.message : error);
    process.exit(1);
  });
