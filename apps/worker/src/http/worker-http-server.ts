import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { METRICS_CONTENT_TYPE, METRICS_WWW_AUTHENTICATE, metricsRefusal } from '@complaints/runtime';

/** What the worker's probes ask of it. */
export interface WorkerProbes {
  /** Resolves when the worker can do its work (the store answers); rejects with the reason otherwise. */
  ready(): Promise<void>;
  /** Process, projection and relay metrics in the Prometheus text format. */
  metrics(): Promise<string>;
  /** METRICS_TOKEN: the bearer token /metrics asks for; undefined, /metrics is off. */
  metricsToken: string | undefined;
}

/**
 * The worker's small HTTP server, for orchestrators and Prometheus only (no complaint data):
 * GET /health (the process answers) and GET /ready (the store answers: 503 otherwise) need no
 * token, GET /metrics needs METRICS_TOKEN as the API's does. Errors are problem+json like the API's.
 */
export function createWorkerHttpServer(probes: WorkerProbes): Server {
  return createServer((request, response) => {
    void route(probes, request, response).catch((error: unknown) => {
      if (!response.headersSent) problem(response, 500, 'Internal Server Error', messageOf(error));
      else response.destroy();
    });
  });
}

async function route(probes: WorkerProbes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://worker').pathname;
  if (path !== '/health' && path !== '/ready' && path !== '/metrics') {
    return problem(response, 404, 'Not Found', `No route ${path}: the worker serves /health, /ready and /metrics.`);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return problem(response, 405, 'Method Not Allowed', `${path} answers GET only.`);
  }
  switch (path) {
    case '/health':
      return send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
    case '/ready':
      try {
        await probes.ready();
      } catch (error) {
        return problem(response, 503, 'Service Unavailable', `Not ready: ${messageOf(error)}`);
      }
      return send(response, 200, 'application/json', JSON.stringify({ status: 'ready' }));
    case '/metrics': {
      const refusal = metricsRefusal(request.headers.authorization, probes.metricsToken);
      if (refusal) {
        if (refusal.status === 401) response.setHeader('WWW-Authenticate', METRICS_WWW_AUTHENTICATE);
        return problem(response, refusal.status, refusal.status === 401 ? 'Unauthorized' : 'Not Found', refusal.detail);
      }
      let text: string;
      try {
        text = await probes.metrics();
      } catch (error) {
        return problem(response, 503, 'Service Unavailable', `Metrics unavailable: ${messageOf(error)}`);
      }
      return send(response, 200, METRICS_CONTENT_TYPE, text);
    }
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function problem(response: ServerResponse, status: number, title: string, detail: string): void {
  send(response, status, 'application/problem+json', JSON.stringify({ type: 'about:blank', title, status, detail }));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
