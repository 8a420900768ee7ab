/**
 * One scenario under load: autocannon for a fixed time at N connections, every response's
 * latency recorded (autocannon's own summary has no p95), failures reported as an error row
 * instead of stopping the run.
 */
import autocannon from 'autocannon';
import { rawGet, type RunningServer } from './server.ts';

/** What every browser sends (br only over HTTPS, but Quire offers it over plain HTTP too). */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br';
/** The old, uncompressed view: a client that accepts no coding. */
export const IDENTITY = 'identity';

export interface Scenario {
  name: string;
  path: string;
  connections: number;
  /**
   * Session cookies, one per signed-in member: requests take them in turn, so the connections
   * are spread over several members as on a real archive (one member's every request would
   * queue on that member's own rows, such as their reading history of the work).
   */
  cookies?: string[];
  /**
   * Every request gets its own unknown query parameter (`bench_nocache=N`): the listing ignores
   * unknown parameters, but any cache keyed on the address misses, so this measures the query.
   */
  uncached?: boolean;
  /** The Accept-Encoding every request sends; BROWSER_ACCEPT_ENCODING unless a row says otherwise. */
  acceptEncoding?: string;
}

export interface Row {
  scenario: string;
  path: string;
  connections: number;
  /** The Accept-Encoding the requests sent, and the Content-Encoding the answer came in ('identity': none). */
  acceptEncoding: string;
  contentEncoding: string;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Throughput as a percentage of the static baseline at the same connections; null for the baseline itself. */
  baselinePct: number | null;
  peakRssMb: number;
  /** The body's size on the wire (compressed, if it was). */
  bytesPerResponse: number;
  error: string | null;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const acceptEncodingOf = (scenario: Scenario) => scenario.acceptEncoding ?? BROWSER_ACCEPT_ENCODING;

function errorRow(scenario: Scenario, error: string, server: RunningServer): Row {
  return { scenario: scenario.name, path: scenario.path, connections: scenario.connections, acceptEncoding: acceptEncodingOf(scenario), contentEncoding: '', requests: 0, reqPerSec: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, baselinePct: null, peakRssMb: server.peakRssMb(), bytesPerResponse: 0, error };
}

export async function measure(server: RunningServer, scenario: Scenario, seconds: number): Promise<Row> {
  const cookies = scenario.cookies ?? [];
  const headers: Record<string, string> = { 'accept-encoding': acceptEncodingOf(scenario), ...(cookies.length > 0 ? { cookie: cookies[0]! } : {}) };
  // One request first: it warms any cache (and makes its compressed copy), and a page that isn't
  // there becomes an error row. Read raw, to record the bytes as they travel.
  const probe = await rawGet(`${server.baseUrl}${scenario.path}`, headers).catch((error: Error) => error);
  if (probe instanceof Error) return errorRow(scenario, probe.message, server);
  if (probe.status < 200 || probe.status > 299) return errorRow(scenario, `HTTP ${probe.status}`, server);
  server.resetPeak();
  const latencies: number[] = [];
  let counter = 0;
  let turn = 0;
  const separator = scenario.path.includes('?') ? '&' : '?';
  // Built for every request: its own cache-busting parameter, the next member's cookie.
  const perRequest = scenario.uncached || cookies.length > 1;
  const setupRequest = (request: autocannon.Request): autocannon.Request => ({
    ...request,
    ...(scenario.uncached ? { path: `${scenario.path}${separator}bench_nocache=${++counter}` } : {}),
    ...(cookies.length > 1 ? { headers: { ...request.headers, cookie: cookies[turn++ % cookies.length]! } } : {}),
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.baseUrl,
        connections: scenario.connections,
        duration: seconds,
        headers,
        requests: [
          {
            method: 'GET',
            path: scenario.path,
            ...(perRequest ? { setupRequest } : {}),
          },
        ],
      },
      (error, finished) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const failed = result.non2xx + result.errors + result.timeouts;
  return {
    scenario: scenario.name,
    path: scenario.path,
    connections: scenario.connections,
    acceptEncoding: acceptEncodingOf(scenario),
    contentEncoding: probe.headers['content-encoding'] ?? 'identity',
    requests: result.requests.total,
    reqPerSec: round(result.requests.total / seconds, 0),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    baselinePct: null,
    peakRssMb: server.peakRssMb(),
    bytesPerResponse: probe.body.length,
    error: failed > 0 ? `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts` : null,
  };
}
