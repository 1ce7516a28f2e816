import { request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent on the request line: already percent-encoded, odd bytes and all. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/** Enough for the OpenAPI document the fuzzer starts from (over 128 kB), bounded for answers that would not end. */
const MAX_BODY = 1024 * 1024;

/**
 * One request through node:http with the request line as given: supertest and fetch normalise
 * URLs (they would re-encode `%E0%A4%A` or refuse a raw `%00`), which is the very thing being tested.
 * Event streams never end, so only the head of a text/event-stream answer is read.
 */
export function send(baseUrl: string, req: RawRequest, timeoutMs = 20_000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname,
        port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) },
        timeout: timeoutMs,
      },
      (res) => {
        const contentType = String(res.headers['content-type'] ?? '');
        const status = res.statusCode ?? 0;
        if (contentType.startsWith('text/event-stream')) {
          res.destroy();
          resolve({ status, contentType, text: '' });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => resolve({ status, contentType, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}
