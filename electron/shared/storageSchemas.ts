import { z } from 'zod';
import { ChildStatusSchema } from './schemas';

const DataLocationSchema = z.object({
  name: z.string(),
  path: z.string(),
  bytes: z.number(),
});

export const StorageStatusSchema = z.object({
  objects: z.object({
    /** bundled MinIO, the development S3 server (no MinIO binary here), or the user's external endpoint. */
    kind: z.enum(['minio', 'dev-s3', 'custom', 'external']),
    endpoint: z.string(),
    bucket: z.string(),
    state: ChildStatusSchema.shape.state.or(z.literal('external')),
    note: z.string().nullable(),
  }),
  vectors: z.object({
    backend: z.enum(['chroma', 'pgvector']),
    endpoint: z.string(),
    state: ChildStatusSchema.shape.state.or(z.literal('external')),
    /** Why it is not running, in words (an unreachable PostgreSQL, a Chroma that failed to start). */
    note: z.string().nullable(),
  }),
  locations: z.array(DataLocationSchema),
});
export type StorageStatus = z.infer<typeof StorageStatusSchema>;
