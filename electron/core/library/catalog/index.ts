export { Catalog, CATALOG_FILE } from './Catalog';
export type { CatalogOptions } from './Catalog';
export { CATALOG_MIGRATIONS, CATALOG_SCHEMA_VERSION, migrateCatalog, schemaVersion } from './catalogMigrations';
export type { CatalogMigration } from './catalogMigrations';
export { IngestionJobs } from './IngestionJobs';
export type { AdvanceOptions } from './IngestionJobs';
export { JOB_TRANSITIONS, TERMINAL_STAGES, canTransition, isTerminalStage } from './jobTransitions';
export { buildKeywordQuery, MAX_QUERY_TERMS } from './buildKeywordQuery';
export * from './catalogTypes';
export { Collections, type CollectionRecord } from './Collections';
export { WatchedFolders, isWithin, type WatchedFolderRecord, type WatchedFileRecord } from './WatchedFolders';
export {
  DocumentVersions,
  type DocumentVersionRecord,
  type VersionOrigin,
  type VersionStatus,
} from './DocumentVersions';
export { ReembedRuns, type ReembedRunRecord, type ReembedStatus } from './ReembedRuns';
