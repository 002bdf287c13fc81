export { formatBytes } from '../../../electron/shared/formatBytes';
