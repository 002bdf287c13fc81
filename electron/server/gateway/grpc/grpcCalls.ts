import {
  status,
  type handleServerStreamingCall,
  type handleUnaryCall,
  type ServerWritableStream,
  type ServiceError,
} from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { CreateSession } from '../../../core/rpc/createRpcPart';
import type { ErrorCode } from '../../../shared/errors';
import type { GatewayScope } from '../../../shared/gatewaySchemas';
import type { HearthApi } from '../../../shared/hearthApi';
import type { Result } from '../../../shared/result';
import { openCoreApi } from '../openai/openCoreApi';
import { grpcError, type GrpcGuard } from './GrpcGuard';
import { statusOfError } from './grpcMessages';
import { traceGrpcCall } from './traceGrpcCall';

/** A contract call that failed: the core's code and its message (worded for people). */
class CoreCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreCallError';
  }
}

/** The value of a contract call, or its error as a CoreCallError. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CoreCallError(result.error.code, result.error.message);
  return result.value;
}

/** A failure the client is told as it is (the core's code maps to the gRPC status). */
export function callError(code: ErrorCode, message: string): Error {
  return new CoreCallError(code, message);
}

/** Throws a failure the client is told as it is. */
export function fail(code: ErrorCode, message: string): never {
  throw callError(code, message);
}

/** What the gRPC methods share: the core, the gate, the log, and the streams to end when the server closes. */
export interface GrpcCallOptions {
  createSession: CreateSession;
  guard: GrpcGuard;
  logger: Logger;
  /** Ends a stream (its signal aborts); the server calls each when it closes. */
  open: Set<() => void>;
}

/** One streaming call as its method runs it. */
export interface StreamContext<Req, Res> {
  api: HearthApi;
  request: Req;
  /** Aborted when the client cancels or the server closes. */
  signal: AbortSignal;
  write(message: Res): void;
  call: ServerWritableStream<Req, Res>;
}

/**
 * A unary method behind the gate: admitted (or refused), run with the key's scopes through the contract as an
 * `api-key` caller, audited at its end.
 */
export function unaryCall<Req, Res>(
  options: GrpcCallOptions,
  method: string,
  scope: GatewayScope,
  run: (api: HearthApi, request: Req) => Promise<Res>,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    let admitted;
    try {
      admitted = options.guard.admit(call.metadata, method, scope, { stream: false });
    } catch (refusal) {
      callback(refusal as ServiceError);
      return;
    }
    const traced = traceGrpcCall(call.metadata, method);
    const finish = (code: status) => {
      admitted.finish(code);
      traced.end(code);
    };
    const core = openCoreApi({
      createSession: options.createSession,
      scopes: admitted.key.scopes,
      traceparent: traced.traceparent,
    });
    run(core.api, call.request)
      .then(
        (value) => {
          finish(status.OK);
          callback(null, value);
        },
        (error: unknown) => {
          const failure = serviceError(error, method, options.logger);
          finish(failure.code);
          callback(failure);
        },
      )
      .finally(() => core.close());
  };
}

/** A server-streaming method behind the gate; it ends when `run` settles, the client cancels or the server closes. */
export function streamingCall<Req, Res>(
  options: GrpcCallOptions,
  method: string,
  scope: GatewayScope,
  run: (ctx: StreamContext<Req, Res>) => Promise<void>,
): handleServerStreamingCall<Req, Res> {
  return (call) => {
    let admitted;
    try {
      admitted = options.guard.admit(call.metadata, method, scope, { stream: true });
    } catch (refusal) {
      call.emit('error', refusal);
      return;
    }
    const traced = traceGrpcCall(call.metadata, method);
    const finish = (code: status) => {
      admitted.finish(code);
      traced.end(code);
    };
    const core = openCoreApi({
      createSession: options.createSession,
      scopes: admitted.key.scopes,
      traceparent: traced.traceparent,
    });
    const stop = new AbortController();
    const end = () => stop.abort();
    options.open.add(end);
    call.on('cancelled', end);
    run({ api: core.api, request: call.request, signal: stop.signal, write: (m) => call.write(m), call })
      .then(
        () => {
          finish(call.cancelled ? status.CANCELLED : status.OK);
          if (!call.cancelled) call.end();
        },
        (error: unknown) => {
          const failure = serviceError(error, method, options.logger);
          finish(call.cancelled ? status.CANCELLED : failure.code);
          if (!call.cancelled) call.emit('error', failure);
        },
      )
      .finally(() => {
        options.open.delete(end);
        core.close();
      });
  };
}

/** The status a failure is answered with; anything unforeseen is logged and told as a plain sentence. */
function serviceError(error: unknown, method: string, logger: Logger): ServiceError {
  if (error instanceof CoreCallError) return grpcError(statusOfError(error.code), error.message);
  logger.error({ err: error, method }, 'a gRPC call failed');
  return grpcError(status.INTERNAL, `Hearth could not finish ${method}. Details are in its log.`);
}
