export {
  DEV_SERVER_WARNING,
  ObjectServer,
  type CustomServerCommand,
  type ObjectServerKind,
  type ObjectServerOptions,
  type ObjectServerStatus,
} from './ObjectServer';
export { DEFAULT_PART_SIZE, MIN_PART_SIZE, ObjectStore } from './ObjectStore';
export type {
  DownloadOptions,
  ObjectInfo,
  ObjectStat,
  ObjectStoreOptions,
  UploadOptions,
  UploadProgress,
  UploadResult,
} from './objectTypes';
export { ObjectWatcher, type ObjectWatcherOptions, type WatchMode } from './ObjectWatcher';
export { diffListings, notificationToChange, type ObjectChange } from './diffListings';
export {
  externalConnection,
  REMOTE_SECRET_DEFAULT,
  type ExternalEndpointOptions,
  type ObjectConnection,
} from './ObjectConnection';
export { ensureRootCredentials, ROOT_PASSWORD_SECRET, ROOT_USER_SECRET } from './rootCredentials';
export { detectServerFlavor, type ServerFlavor } from './detectServerFlavor';
export { toObjectError, type ObjectOrigin } from './objectErrors';
export type { ObjectTags } from './objectInput';
