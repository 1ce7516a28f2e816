export interface EventStoreDbServer {
  connectionString: string;
  /** Where it came from, for the test log. */
  source: 'EVENTSTORE_URL' | 'testcontainers';
  dispose(): Promise<void>;
}

export const EVENTSTORE_IMAGE = 'eventstore/eventstore:24.10';
const HTTP_PORT = 2113;

/**
 * An EventStoreDB for the contract suite: EVENTSTORE_URL when set (a configured server is
 * used as is; the suite scopes its streams with a unique prefix, so a shared server is fine),
 * otherwise a throwaway container through testcontainers. Without either, `{ skip }` says why.
 */
export async function provideEventStoreDb(): Promise<EventStoreDbServer | { skip: string }> {
  const configured = process.env['EVENTSTORE_URL'];
  if (configured) return { connectionString: configured, source: 'EVENTSTORE_URL', dispose: async () => undefined };

  try {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(EVENTSTORE_IMAGE)
      .withEnvironment({
        EVENTSTORE_INSECURE: 'true',
        EVENTSTORE_MEM_DB: 'true',
        EVENTSTORE_RUN_PROJECTIONS: 'None',
      })
      .withExposedPorts(HTTP_PORT)
      .withWaitStrategy(Wait.forHttp('/health/live', HTTP_PORT).forStatusCode(204))
      .withStartupTimeout(120_000)
      .start();
    return {
      connectionString: `esdb://${container.getHost()}:${container.getMappedPort(HTTP_PORT)}?tls=false`,
      source: 'testcontainers',
      dispose: async () => {
        await container.stop();
      },
    };
  } catch (error) {
    return {
      skip: `EventStoreDB not available: set EVENTSTORE_URL or run where Docker is available (${firstLine(error)})`,
    };
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
