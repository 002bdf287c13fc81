export { DEV_SERVER_WARNING, ObjectServer, type ObjectServerOptions } from './ObjectServer';
export { DEFAULT_PART_SIZE, ObjectStore } from './ObjectStore';
export type { ObjectInfo, ObjectStoreOptions, UploadProgress } from './objectTypes';
export { ObjectWatcher } from './ObjectWatcher';
export { type ObjectChange } from './diffListings';
export { externalConnection, REMOTE_SECRET_DEFAULT, type ObjectConnection } from './ObjectConnection';
export { ROOT_PASSWORD_SECRET, ROOT_USER_SECRET } from './rootCredentials';
