import { HearthError } from '../../../shared/errors';

/** Where a download comes from. */
export interface ResolvedSource {
  /** What the user gave (stored in the catalogue). */
  source: string;
  url: URL;
  /** The file's own name, from the last path segment. */
  fileName: string;
}

/**
 * Turns an `https://…` URL or `hf:<owner>/<repo>/<path/to/file.gguf>` into the URL to fetch. Plain http is
 * accepted only for loopback hosts (a model server on this Mac); nothing else is ever fetched.
 */
export function resolveModelSource(source: string, huggingFaceBaseUrl = 'https://huggingface.co'): ResolvedSource {
  const hf = /^hf:([\w.-]+)\/([\w.-]+)\/(.+)$/i.exec(source.trim());
  let url: URL;
  if (hf) {
    const [, owner, repo, file] = hf as unknown as [string, string, string, string];
    if (file.split('/').some((part) => part === '' || part === '.' || part === '..')) throw badSource(source);
    const path = file.split('/').map(encodeURIComponent).join('/');
    url = new URL(`${huggingFaceBaseUrl.replace(/\/+$/, '')}/${owner}/${repo}/resolve/main/${path}`);
  } else {
    try {
      url = new URL(source.trim());
    } catch {
      throw badSource(source);
    }
  }
  if (!isAllowedUrl(url)) throw badSource(source);
  const last = decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
  return { source: source.trim(), url, fileName: last.length > 0 ? last : 'model.gguf' };
}

/** https anywhere; http only to this machine. Also applied to every redirect hop. */
export function isAllowedUrl(url: URL): boolean {
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

function badSource(source: string): HearthError {
  return new HearthError('INVALID_INPUT', 'Use an https:// link or hf:owner/repo/file.gguf.', {
    source: source.slice(0, 200),
  });
}
