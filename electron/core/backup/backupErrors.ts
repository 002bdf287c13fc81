import { HearthError } from '../../shared/errors';

export function cancelled(): HearthError {
  return new HearthError('CANCELLED', 'The backup was cancelled.');
}

/** The passphrase does not open this repository: said before anything is read further or written. */
export function wrongKey(): HearthError {
  return new HearthError(
    'UNAUTHORIZED',
    'This backup key does not open the backup. Enter the key that was set when the backup was made. Nothing was restored.',
    { backup: 'wrong-key' },
  );
}
