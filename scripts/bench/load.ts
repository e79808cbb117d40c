/**
 * HTTP load for the benchmark: `connections` keep-alive connections, each sending its next request
 * as soon as the answer has arrived, for `seconds`; latency percentiles over every request.
 *
 * Node's own HTTP client (llhttp) rather than autocannon: autocannon's JavaScript parser
 * (http-parser-js) tops out near 750 answers a second on a province ranking (91 KB of gzip) while
 * the server waits idle for the next request (strace: 0.3 ms per answer), so it measured itself.
 */
import http from 'node:http';
import { percentile, round } from './stats.ts';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  p99_9: number;
  non2xx: number;
  errors: number;
}

export async function load(
  url: string,
  {
    connections = 10,
    seconds,
    headers = {},
  }: { connections?: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      http
        .get(url, { agent, headers }, (res) => {
          if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            resolve();
          });
        })
        .on('error', () => {
          errors++;
          resolve();
        });
    });
  const connection = async () => {
    while (performance.now() < end) await one();
  };
  await Promise.all(Array.from({ length: connections }, connection));
  agent.destroy();
  return {
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50: round(percentile(latencies, 50), 2),
    p99: round(percentile(latencies, 99), 2),
    p99_9: round(percentile(latencies, 99.9), 2),
    non2xx,
    errors,
  };
}
