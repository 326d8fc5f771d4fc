/**
 * The StoreChannel between replicas (issue 14): LISTEN/NOTIFY. One dedicated connection LISTENs
 * (a pooled one would be handed to other queries); publish is `SELECT pg_notify($1, $2)` through the
 * pool, so it is delivered when it commits, to every replica listening — this one included. Topic
 * `x` is channel `gangway_x`, quoted as an identifier.
 *
 * If the listening connection drops, it reconnects with back-off (0.1 s doubling to 5 s) and LISTENs
 * again; what was published meanwhile is lost (the channel promises at most once), and the change
 * counter moves, because a change notification may have been among the lost ones. Log lines name
 * the server by host and port only.
 */
import pg from 'pg';
import type { Logger } from '../../logging/logger.ts';
import { ChannelListeners, checkChannelPayload } from '../channelListeners.ts';
import type { StoreChannel } from '../store.ts';
import { CHANGES_CHANNEL } from './changeNotifications.ts';
import { describeDatabase, withoutSecrets } from './databaseUrl.ts';
import { pgTypes, type Pool } from './pgTypes.ts';

export interface PostgresChannel extends StoreChannel {
  /** Change notifications from other replicas (and reconnects) so far: the store's externalChanges(). */
  changes(): number;
  /** Resolves when every topic subscribed so far is LISTENed on the current connection. */
  listening(): Promise<void>;
  close(): Promise<void>;
}

export interface ChannelOptions {
  readonly url: string;
  readonly pool: Pool;
  /** The application_name of this replica's pool: change notifications carrying it are our own. */
  readonly applicationName: string;
  readonly logger?: Logger | undefined;
  readonly maxBackoffMs?: number;
}

const channelOf = (topic: string) => `gangway_${topic}`;

export async function openPostgresChannel(options: ChannelOptions): Promise<PostgresChannel> {
  const { url, pool, applicationName, logger } = options;
  const where = describeDatabase(url);
  const listeners = new ChannelListeners((topic, error) => logger?.warn('store.channel_listener_failed', { topic, message: (error as Error)?.message }));
  let client: pg.Client | undefined;
  let changes = 0;
  let closed = false;
  let attempt = 0;
  let pending: Promise<void> = Promise.resolve();

  const listen = (target: pg.Client, channel: string) => target.query(`LISTEN ${pg.escapeIdentifier(channel)}`).then(() => undefined);

  const connect = async (): Promise<void> => {
    // TCP keep-alive after 10 s idle: a connection that died silently (a replaced server, a dropped
    // route) is noticed within about a minute, not the kernel's default two hours.
    const next = new pg.Client({ connectionString: url, application_name: `${applicationName}-listen`, types: pgTypes, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    next.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) {
        if (message.payload !== applicationName) changes += 1;
        return;
      }
      listeners.deliver(message.channel.slice(channelOf('').length), message.payload ?? '');
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await listen(next, CHANGES_CHANNEL);
      // Topics subscribed while these LISTENs were under way are picked up by the next round.
      const done = new Set<string>();
      for (let missing = listeners.topics(); missing.length > 0; missing = listeners.topics().filter((t) => !done.has(t))) {
        for (const topic of missing) {
          await listen(next, channelOf(topic));
          done.add(topic);
        }
      }
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    client = next;
  };

  const lost = (which: pg.Client) => {
    if (closed || client !== which) return;
    client = undefined;
    which.end().catch(() => {});
    changes += 1; // notifications may have been missed: let the read caches start over
    logger?.warn('store.channel_lost', { database: where });
    reconnectLater();
  };

  const reconnectLater = () => {
    const delay = Math.min(options.maxBackoffMs ?? 5000, 100 * 2 ** attempt);
    attempt += 1;
    const timer = setTimeout(() => {
      if (closed) return;
      pending = connect().then(
        () => {
          attempt = 0;
          changes += 1;
          logger?.info('store.channel_reconnected', { database: where });
        },
        (error: unknown) => {
          logger?.warn('store.channel_reconnect_failed', { database: where, message: withoutSecrets((error as Error)?.message ?? String(error), url), retryInMs: Math.min(options.maxBackoffMs ?? 5000, 100 * 2 ** attempt) });
          reconnectLater();
        },
      );
    }, delay);
    timer.unref();
  };

  await connect();

  return {
    async publish(topic, payload) {
      checkChannelPayload(topic, payload);
      await pool.query('SELECT pg_notify($1, $2)', [channelOf(topic), payload]);
    },
    subscribe(topic, listener) {
      checkChannelPayload(topic, '');
      if (!listeners.add(topic, listener)) return;
      const target = client;
      // Without a connection now, the reconnect LISTENs every topic anyway.
      if (target) pending = pending.then(() => listen(target, channelOf(topic))).catch((error: unknown) => logger?.warn('store.channel_listen_failed', { topic, message: withoutSecrets((error as Error)?.message ?? '', url) }));
    },
    changes: () => changes,
    listening: () => pending,
    async close() {
      closed = true;
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    },
  };
}
