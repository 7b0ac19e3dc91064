import type { Client } from 'pg';
import { databaseUrl, withAdmin } from '../../test/support/test-database';

/** A PostgreSQL database a benchmark creates for itself, and drops at the end. */
export interface ScratchDatabase {
  readonly name: string;
  /** Its connection URL: the admin URL with the database's name. */
  readonly url: string;
  /** Runs `run` on a connection to the admin database (to ALTER DATABASE, for instance). */
  admin<T>(run: (client: Client) => Promise<T>): Promise<T>;
  /** Runs the app's migrations, one transaction each. Loads the app's modules: set the app's environment first. */
  migrate(): Promise<void>;
  /** Drops the database, closing the connections still open to it. */
  drop(): Promise<void>;
}

/** Creates the empty database `name` on the server of `adminUrl` (whose user may create databases). */
export async function createScratchDatabase(name: string, adminUrl: string): Promise<ScratchDatabase> {
  const admin = <T>(run: (client: Client) => Promise<T>): Promise<T> => withAdmin(run, adminUrl);
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(name, adminUrl);
  return {
    name,
    url,
    admin,
    async migrate() {
      const { DataSource } = await import('typeorm');
      const { dataSourceOptions } = await import('@hub/core');
      const migrator = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
      await migrator.initialize();
      await migrator.runMigrations({ transaction: 'each' });
      await migrator.destroy();
    },
    async drop() {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
