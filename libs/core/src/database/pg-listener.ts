import { Client } from 'pg';

export interface ListenerOptions {
  databaseUrl: string;
  /** A fixed identifier of ours (never user input): LISTEN takes no parameter. */
  channel: string;
  /** Names the connection in pg_stat_activity. */
  applicationName: string;
  onNotification: () => void;
  /** Called once if the connection fails or ends after it started listening (its owner then makes a new one). */
  onLost: (client: Client, error?: Error) => void;
}

/**
 * A dedicated connection LISTENing on a channel (the outbox relay's wake-ups, the search cache's invalidations).
 * Resolves once it listens; rejects, with the connection closed, if it cannot.
 */
export async function openListener({ databaseUrl, channel, applicationName, onNotification, onLost }: ListenerOptions): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl, application_name: applicationName, keepAlive: true });
  let listening = false;
  let lost = false;
  const lose = (error?: Error) => {
    if (lost) return;
    lost = true;
    client.end().catch(() => undefined);
    if (listening) onLost(client, error);
  };
  client.on('error', lose);
  client.on('end', () => lose());
  client.on('notification', onNotification);
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (error) {
    lose();
    throw error;
  }
  if (lost) throw new Error(`the ${channel} listener's connection ended while it was being opened`);
  listening = true;
  return client;
}
