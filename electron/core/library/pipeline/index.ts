export { IngestionPipeline } from './IngestionPipeline';
export type { IngestionPipelineOptions, IngestOptions } from './pipelineTypes';
export { walkInputs, isHiddenOrSystem } from './walkInputs';
export { hashFile } from './hashFile';
export type { HashFileOptions } from './hashFile';
export { objectKeyFor, safeObjectName } from './safeObjectName';
export { runPool } from './runPool';
export * from './pipelineTypes';
