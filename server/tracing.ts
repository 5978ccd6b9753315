/**
 * OpenTelemetry tracing, only when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, and OTEL_SDK_DISABLED not `true`): without one, nothing of
 * the SDK is loaded and nothing is patched. server/main.ts imports this module first, because the
 * instrumentations patch http, express, pg and graphql as they are required.
 */
const configured =
  Boolean(process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT) &&
  process.env.OTEL_SDK_DISABLED !== 'true';

type Sdk = typeof import('./tracing-sdk');

// A plain require, so that the SDK starts before the next import of main.ts is loaded.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk: Sdk | null = configured ? (require('./tracing-sdk') as Sdk) : null;
const stop = sdk?.startTracing() ?? (async () => {});

/** Whether spans are being exported. */
export const tracingEnabled = sdk !== null;

/** Sends the spans still buffered and stops the SDK (on shutdown); nothing when tracing is off. */
export const stopTracing = (): Promise<void> => stop();

/** Adds attributes to the span active here (the request's HTTP span); nothing when tracing is off. */
export const annotateActiveSpan = (attributes: Record<string, string>): void =>
  sdk?.annotateActiveSpan(attributes);

/** `trace_id` and `span_id` of the span active here, for log lines; undefined when tracing is off or none is. */
export const activeTraceIds = (): { trace_id: string; span_id: string } | undefined => sdk?.activeTraceIds();
