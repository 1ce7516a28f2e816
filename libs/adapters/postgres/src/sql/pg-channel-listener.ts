import { backoffDelay, type BackoffOptions } from '@complaints/event-store';
import type { Pool, PoolClient } from 'pg';

export interface PgChannelListenerOptions {
  pool: Pool;
  channel: string;
  onNotify: (payload: string) => void;
  backoff: BackoffOptions;
  /** Told about each lost listening connection and each failed attempt to listen again. */
  onError?: ((channel: string, error: Error) => void) | undefined;
}

/**
 * LISTEN on one channel for as long as it is wanted, on a connection of its own (LISTEN belongs
 * to a session). When that connection is lost (a terminated backend, a server restart, a
 * network cut) it is destroyed, never reused, and LISTEN is issued again on a fresh one after a
 * capped exponential backoff with jitter, for as long as it takes. Once listening again it calls
 * `onNotify('')` once: appends made while nobody listened announced themselves to no one, so
 * whoever sleeps on the channel must look for them now.
 */
export class PgChannelListener {
  private session: Session | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: PgChannelListenerOptions) {}

  /** The first LISTEN; a failure here is the caller's (nothing is retried yet). */
  async start(): Promise<void> {
    this.session = await this.connectAndListen();
  }

  /** UNLISTEN and give the connection back (destroyed if it is broken). Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    try {
      await session.client.query(`UNLISTEN ${quoteIdentifier(this.options.channel)}`);
      session.end(undefined);
    } catch (error) {
      session.end(error as Error);
    }
  }

  private async connectAndListen(): Promise<Session> {
    const client = await this.options.pool.connect();
    const onNotification = (message: Notification) => {
      if (message.channel === this.options.channel) this.notify(message.payload ?? '');
    };
    // From here until the client is released, its 'error' is ours: unheard, it would crash the process.
    const onError = (error: Error) => this.lost(session, error);
    const session: Session = {
      client,
      end: (error) => {
        // With an error the pool destroys the connection instead of reusing it. release() puts
        // the pool's own 'error' listener back before ours comes off: never a moment without one.
        client.release(error);
        client.off('notification', onNotification);
        client.off('error', onError);
      },
    };
    client.on('notification', onNotification);
    client.on('error', onError);
    try {
      await client.query(`LISTEN ${quoteIdentifier(this.options.channel)}`);
    } catch (error) {
      session.end(error as Error);
      throw error;
    }
    return session;
  }

  private lost(session: Session, error: Error): void {
    // Errors of a connection still being set up are answered by its LISTEN failing.
    if (session !== this.session) return;
    this.session = undefined;
    session.end(error);
    this.options.onError?.(this.options.channel, error);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.listenAgain(), backoffDelay(++this.failures, this.options.backoff));
  }

  private async listenAgain(): Promise<void> {
    if (this.stopped) return;
    let session: Session;
    try {
      session = await this.connectAndListen();
    } catch (error) {
      this.options.onError?.(this.options.channel, error as Error);
      this.scheduleRetry();
      return;
    }
    if (this.stopped) {
      session.end(undefined);
      return;
    }
    this.session = session;
    this.failures = 0;
    this.notify('');
  }

  /** A handler that throws must not take the connection's event emitter (or a timer) down with it. */
  private notify(payload: string): void {
    try {
      this.options.onNotify(payload);
    } catch (error) {
      this.options.onError?.(this.options.channel, error instanceof Error ? error : new Error(String(error)));
    }
  }
}

interface Notification {
  channel: string;
  payload?: string;
}

/** One listening connection, and how to give it back. */
interface Session {
  client: PoolClient;
  end(error: Error | undefined): void;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
