import { isSpanContextValid, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** Paths scraped or polled all the time: no trace of their own. */
const untraced = new Set(['/metrics', '/healthz', '/readyz']);

/**
 * Starts the OpenTelemetry Node SDK: spans of incoming and outgoing HTTP, Express routes, pg
 * queries and GraphQL parse/validate/execute, exported as OTLP/HTTP (JSON) to the endpoint of the
 * standard variables (OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces, or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
 * OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER(_ARG),
 * OTEL_BSP_* as the specification says). Traces only: metrics stay on /metrics, logs on stdout.
 * Returns how to flush and stop it.
 */
export const startTracing = (): (() => Promise<void>) => {
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || 'lao-plan-monitor',
    traceExporter: new OTLPTraceExporter(),
    // No OTLP metrics or logs, whatever the SDK's defaults: those have their own channels here.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => untraced.has((req.url ?? '').split('?')[0]),
      }),
      // Route handlers only: a span per middleware and router of every request is noise.
      new ExpressInstrumentation({
        ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
      }),
      // Statements of a traced request (or job span) only; never the values bound to them.
      new PgInstrumentation({ requireParentSpan: true }),
      // Parse, validate and execute; no span per resolved field (a page of projects has thousands).
      new GraphQLInstrumentation({ ignoreResolveSpans: true, mergeItems: true }),
    ],
  });
  sdk.start();
  return () => sdk.shutdown();
};

export const annotateActiveSpan = (attributes: Record<string, string>): void => {
  trace.getActiveSpan()?.setAttributes(attributes);
};

export const activeTraceIds = (): { trace_id: string; span_id: string } | undefined => {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context)
    ? { trace_id: context.traceId, span_id: context.spanId }
    : undefined;
};
