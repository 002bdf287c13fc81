import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  credentials,
  loadPackageDefinition,
  Metadata,
  type Client,
  type ClientReadableStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

type Message = Record<string, unknown>;

/** hearth.v1.Hearth as a client generated from the shipped .proto sees it (nothing of Hearth's code). */
interface HearthClient extends Client {
  Search(request: object, metadata: Metadata, callback: (error: ServiceError | null, value: Message) => void): void;
  WatchLibrary(request: object, metadata: Metadata): ClientReadableStream<Message>;
}

/** A plain-text gRPC client of the gateway at `address`, sending `key` with every call. */
export function grpcClient(address: string, key: string) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const definition = loadSync(join(root, 'resources/proto/hearth.proto'), {
    keepCase: false,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const Hearth = (
    loadPackageDefinition(definition) as unknown as {
      hearth: {
        v1: { Hearth: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => HearthClient };
      };
    }
  ).hearth.v1.Hearth;
  const client = new Hearth(address, credentials.createInsecure());
  const auth = () => {
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${key}`);
    return metadata;
  };
  return {
    search: (request: object) =>
      new Promise<Message>((resolve, reject) =>
        client.Search(request, auth(), (error, value) => (error ? reject(error) : resolve(value))),
      ),
    /** WatchLibrary, settled once the server says it is subscribed. */
    watch: (onEvent: (event: Message) => void) =>
      new Promise<ClientReadableStream<Message>>((resolve, reject) => {
        const stream = client.WatchLibrary({}, auth());
        stream.on('data', onEvent);
        stream.on('error', (error: ServiceError) => {
          if (error.code !== 1) reject(error);
        });
        stream.once('metadata', () => resolve(stream));
      }),
    close: () => client.close(),
  };
}
