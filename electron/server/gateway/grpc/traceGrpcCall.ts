import { SpanStatusCode } from '@opentelemetry/api';
import { type Metadata, status } from '@grpc/grpc-js';
import { recordGatewayRequest, startSpan, traceparentOf } from '../../../core/telemetry/hearthTelemetry';

/**
 * A span for one admitted gRPC call (continuing a `traceparent` in its metadata) and its trace context for the
 * core's calls; `end` records the status and counts the call in `hearth.gateway.*` like an HTTP request.
 */
export function traceGrpcCall(
  metadata: Metadata,
  method: string,
): { traceparent: string | undefined; end(code: status): void } {
  const header = metadata.get('traceparent')[0];
  const span = startSpan(
    `gateway grpc ${method}`,
    { 'rpc.system': 'grpc', 'rpc.method': method },
    typeof header === 'string' ? header : undefined,
  );
  const started = performance.now();
  return {
    traceparent: traceparentOf(span),
    end: (code) => {
      span.setAttribute('rpc.grpc.status_code', code);
      if (code !== status.OK && code !== status.CANCELLED) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      recordGatewayRequest(`grpc ${method}`, code, performance.now() - started);
    },
  };
}
