import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestListener } from 'node:http';
import { requestIdOf } from './request-id.js';

/** Node's default header limit, stated so the 431 message can name it. */
export const MAX_HEADER_BYTES = 16 * 1024;

const HEADERS_TOO_LARGE = {
  errors: [{ title: 'Request header fields too large', detail: `The request headers are larger than ${MAX_HEADER_BYTES / 1024} KB` }],
};
const MALFORMED = { errors: [{ title: 'Bad request', detail: 'The request is not valid HTTP/1.1' }] };
const TIMEOUT = { errors: [{ title: 'Request timeout', detail: 'The request was not received in time' }] };

function rawJson(socket: Socket, status: number, reason: string, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `X-Request-Id: ${requestIdOf(undefined)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/**
 * The HTTP server for the app. Requests node rejects before express sees them (headers over 16 KB, malformed
 * HTTP, a request that never finishes arriving) get a JSON body like every other error instead of node's
 * empty one.
 */
export function createHttpServer(listener: RequestListener): Server {
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, listener);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (err.code === 'HPE_HEADER_OVERFLOW') rawJson(socket, 431, 'Request Header Fields Too Large', HEADERS_TOO_LARGE);
    else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') rawJson(socket, 408, 'Request Timeout', TIMEOUT);
    else rawJson(socket, 400, 'Bad Request', MALFORMED);
  });
  return server;
}

/**
 * Stops accepting connections and waits for in-flight requests, at most `timeoutMs`; then cuts the rest.
 * Keep-alive connections are closed as soon as they fall idle, so a client that keeps its connection open
 * cannot hold the shutdown.
 */
export function drainServer(server: Server, timeoutMs: number): Promise<'drained' | 'timed out'> {
  return new Promise((resolve) => {
    let outcome: 'drained' | 'timed out' = 'drained';
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      outcome = 'timed out';
      server.closeAllConnections();
    }, timeoutMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve(outcome);
    });
    server.closeIdleConnections();
  });
}
