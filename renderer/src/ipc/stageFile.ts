import type { ErrorCode } from '@shared/errors';
import { ErrorDataSchema, HearthError } from '@shared/errors';
import { StagedFileSchema } from '@shared/schemas';
import { connection } from './client';
import { filesHavePaths, pathForFile } from './filePaths';

export type StagePurpose = 'model' | 'document';
/** What `models.import` (and later document imports) accept: a path in Electron, an upload handle in a browser. */
export type StagedRef = { path: string } | { handle: string };
export interface UploadProgress {
  loaded: number;
  total: number;
}

const UPLOAD_URL = '/api/uploads';

/**
 * Bytes in (ARCHITECTURE.md). In Electron the file already is on disk, so only its path crosses; in a browser the
 * bytes go to the headless shell's upload route and come back as a staging handle. Rejects with a HearthError
 * (FILE_TOO_LARGE, UNAUTHORIZED, CANCELLED when `signal` aborts, …).
 */
export function stageFile(
  file: File,
  purpose: StagePurpose,
  onProgress?: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<StagedRef> {
  if (filesHavePaths()) {
    const path = pathForFile(file);
    if (!path) return Promise.reject(new HearthError('UNSUPPORTED_FILE', `“${file.name}” is not a file on disk.`));
    onProgress?.({ loaded: file.size, total: file.size });
    return Promise.resolve({ path });
  }
  return upload(file, purpose, onProgress, signal);
}

function upload(
  file: File,
  purpose: StagePurpose,
  onProgress: ((progress: UploadProgress) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<StagedRef> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new HearthError('CANCELLED', 'The upload was cancelled.'));
      return;
    }
    // XMLHttpRequest rather than fetch: only it reports upload progress. Same origin, so the session cookie goes too.
    const xhr = new XMLHttpRequest();
    const query = `name=${encodeURIComponent(file.name)}&purpose=${purpose}`;
    xhr.open('PUT', `${UPLOAD_URL}?${query}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.responseType = 'text';
    const onAbort = () => {
      xhr.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);

    xhr.upload.addEventListener('progress', (event) => {
      onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    });
    xhr.addEventListener('load', () => {
      settle();
      const body = parseJson(xhr.responseText);
      if (xhr.status === 201) {
        const staged = StagedFileSchema.safeParse(body);
        if (staged.success) resolve({ handle: staged.data.handle });
        else reject(new HearthError('INTERNAL', 'The server answered the upload with something unexpected.'));
        return;
      }
      if (xhr.status === 401) connection.markUnauthorized();
      reject(errorFor(xhr.status, body));
    });
    xhr.addEventListener('error', () => {
      settle();
      reject(new HearthError('INTERNAL', 'The upload was interrupted. Check the connection and try again.'));
    });
    xhr.addEventListener('abort', () => {
      settle();
      reject(new HearthError('CANCELLED', 'The upload was cancelled.'));
    });
    xhr.send(file);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const STATUS_CODES: Record<number, { code: ErrorCode; message: string }> = {
  401: { code: 'UNAUTHORIZED', message: 'You are signed out.' },
  413: { code: 'FILE_TOO_LARGE', message: 'The file is too large to upload.' },
  415: { code: 'UNSUPPORTED_FILE', message: 'The server did not accept this kind of upload.' },
  429: { code: 'RATE_LIMITED', message: 'Too many uploads at once.' },
};

/** The server's own `{ code, message }` when it sent one; the status decides the code for 401 and 413 regardless. */
function errorFor(status: number, body: unknown): HearthError {
  const parsed = ErrorDataSchema.safeParse(body);
  const known = STATUS_CODES[status];
  const code = known?.code ?? (parsed.success ? parsed.data.code : 'INTERNAL');
  const message = parsed.success
    ? parsed.data.message
    : (known?.message ?? `The upload failed (HTTP ${String(status)}).`);
  return new HearthError(code, message);
}
