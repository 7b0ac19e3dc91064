import { Client } from 'pg';

/**
 * Test databases: global setup migrates one template per run; each Jest worker clones it into its own database,
 * so test files in parallel never see each other's rows. Names carry the run id, so concurrent runs coexist.
 */
export const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string, adminUrl = ADMIN_URL): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function templateName(runId: string): string {
  return `hubmatch_test_${runId}_tpl`;
}

export function workerDatabaseName(runId: string, workerId: string): string {
  return `hubmatch_test_${runId}_w${workerId}`;
}

export async function withAdmin<T>(run: (client: Client) => Promise<T>, adminUrl = ADMIN_URL): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
