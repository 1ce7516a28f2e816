/**
 * An EventStoreDB for the runtime suites: EVENTSTORE_URL when set, otherwise a throwaway
 * container (testcontainers) where Docker is available; otherwise the reason to skip.
 * (The adapter's own suites have the same rule; test helpers may not cross projects.)
 */
export async function provideEventStoreDb(): Promise<{ url: string; dispose(): Promise<void> } | { skip: string }> {
  const configured = process.env['EVENTSTORE_URL'];
  if (configured) return { url: configured, dispose: async () => undefined };
  try {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('eventstore/eventstore:24.10')
      .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_MEM_DB: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None' })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .withStartupTimeout(120_000)
      .start();
    return {
      url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
      dispose: async () => {
        await container.stop();
      },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      skip: `EventStoreDB not available: set EVENTSTORE_URL or run where Docker is available (${message.split('\n')[0]})`,
    };
  }
}
