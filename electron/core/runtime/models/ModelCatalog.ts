import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { HearthError } from '../../../shared/errors';
import { fileErrorCode } from '../../errors/fileErrorCode';
import type { ModelInfo } from '../../../shared/runtimeSchemas';
import { ModelDefaultsSchema, ModelInfoSchema } from '../../../shared/runtimeSchemas';
import { safeFileName } from '../../staging/StagingArea';
import type { DownloadProgress } from './downloadModelFile';
import { discardPartial, downloadModelFile } from './downloadModelFile';
import { formatBytes } from '../../../shared/formatBytes';
import type { AddressCheck } from './publicOnlyLookup';
import { resolveModelSource } from './resolveModelSource';
import { validateGguf } from './validateGguf';

export type ModelDefaults = z.infer<typeof ModelDefaultsSchema>;
export type ModelRole = keyof ModelDefaults;

/** Options for the model catalogue. */
export interface ModelCatalogOptions {
  /** `<data>/models`: the model files and `catalog.json`. */
  dir: string;
  logger: Logger;
  /** How downloads for callers off this computer check addresses; the real resolver and ranges by default. */
  addressCheck?: AddressCheck;
  /** Base URL for `hf:` sources; `https://huggingface.co` by default (tests point it at a local server). */
  huggingFaceBaseUrl?: string;
  /** Give up on a download when no byte arrives for this long; 60 s by default. */
  stallTimeoutMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Options for `download`. */
export interface DownloadOptions {
  /** Expected sha256 (hex); a mismatch rejects the file and removes the partial download. */
  sha256?: string;
  /** Name shown in Hearth; the model's own name or file name by default. */
  displayName?: string;
  /** Cancels; the partial file is kept so the same source resumes later. */
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /**
   * Which addresses the download may reach, on the first request and every redirect: 'public' for a caller that is
   * not this computer's user (a browser elsewhere must not probe Hearth's network), 'any' (the default) for the user.
   */
  addresses?: 'any' | 'public';
}

const CatalogFileSchema = z.object({
  version: z.literal(1),
  models: z.array(ModelInfoSchema),
  defaults: ModelDefaultsSchema,
});
type CatalogFile = z.infer<typeof CatalogFileSchema>;

const TEMP_PREFIX = '.incoming-';

/**
 * The local models Hearth knows: files in `<data>/models/` described by `catalog.json`. A file is validated
 * (header, metadata, shapes, size) before it is added, so nothing in the catalogue can crash llama.cpp on load.
 */
export class ModelCatalog {
  #state: CatalogFile;
  #writes: Promise<void> = Promise.resolve();
  readonly #downloads = new Set<string>();

  private constructor(
    private readonly options: ModelCatalogOptions,
    state: CatalogFile,
  ) {
    this.#state = state;
  }

  /** Loads the catalogue; entries whose file has gone are dropped, crash leftovers removed. */
  static async open(options: ModelCatalogOptions): Promise<ModelCatalog> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const file = join(options.dir, 'catalog.json');
    let state: CatalogFile = { version: 1, models: [], defaults: { chat: null, embedding: null } };
    const raw = await readFile(file, 'utf8').catch(() => null);
    if (raw !== null) {
      const parsed = CatalogFileSchema.safeParse(safeJson(raw));
      if (parsed.success) state = parsed.data;
      else {
        // A damaged catalogue must not stop Hearth: keep it for the user and start empty (files stay on disk).
        const backup = `${file}.corrupt-${Date.now()}`;
        await rename(file, backup);
        options.logger.warn({ backup }, 'models/catalog.json was unreadable; starting an empty catalogue');
      }
    }
    for (const entry of await readdir(options.dir)) {
      if (entry.startsWith(TEMP_PREFIX)) await rm(join(options.dir, entry), { force: true });
    }
    const present: ModelInfo[] = [];
    for (const model of state.models) {
      if (await stat(join(options.dir, model.fileName)).catch(() => null)) present.push(model);
      else
        options.logger.warn({ id: model.id, fileName: model.fileName }, 'model file missing; removed from catalogue');
    }
    const catalog = new ModelCatalog(options, { ...state, models: present });
    if (present.length !== state.models.length) await catalog.#mutate((s) => catalog.#clearDangling(s));
    return catalog;
  }

  list(): ModelInfo[] {
    return this.#state.models.map((m) => ({ ...m }));
  }

  defaults(): ModelDefaults {
    return { ...this.#state.defaults };
  }

  /** The model, or NOT_FOUND. */
  get(id: string): ModelInfo {
    const model = this.#state.models.find((m) => m.id === id);
    if (!model) throw new HearthError('NOT_FOUND', 'That model is not in Hearth any more.', { id });
    return { ...model };
  }

  /** Absolute path of the model's file. */
  pathOf(id: string): string {
    return join(this.options.dir, this.get(id).fileName);
  }

  /**
   * Adds a GGUF file (a path chosen by the user, or a resolved staging upload). It is validated, copied (or
   * moved) under a temporary name, validated again as copied, then renamed into place. Importing a file whose
   * bytes are already in the catalogue returns the existing entry.
   */
  async importFile(
    path: string,
    options: {
      displayName?: string;
      move?: boolean;
      /** The name the person's file had (an upload's bytes sit in staging as `data`); it names the entry. */
      originalName?: string;
    } = {},
  ): Promise<ModelInfo> {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new HearthError('NOT_FOUND', 'That file does not exist or is not a file.', { path });
    await validateGguf(path);
    await this.#ensureSpace(info.size);
    const temp = join(this.options.dir, `${TEMP_PREFIX}${randomUUID()}`);
    let renamed = false;
    try {
      if (options.move)
        renamed = await rename(path, temp).then(
          () => true,
          () => false,
        );
      if (!renamed) await copyFile(path, temp);
      // An upload's staging path means nothing to a person: its source is the name it was uploaded under.
      const name = options.originalName ?? basename(path);
      const added = await this.#adopt(temp, name, options.originalName ?? path, null, options.displayName);
      if (options.move && !renamed) await rm(path, { force: true });
      return added;
    } catch (error) {
      // A refused move leaves the person's file where it was.
      if (renamed) await rename(temp, path).catch(() => undefined);
      throw diskError(error);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * Downloads an https URL or `hf:owner/repo/file.gguf` into the catalogue. Bytes collect in
   * `<file>.partial`; a later call for the same source resumes from it (HTTP Range).
   */
  async download(source: string, options: DownloadOptions = {}): Promise<ModelInfo> {
    const resolved = resolveModelSource(source, this.options.huggingFaceBaseUrl);
    const existing = this.#state.models.find((m) => m.source === resolved.source);
    if (existing) {
      // Already here from this link: still only the file the person vouched for is accepted.
      if (options.sha256) {
        const actual = existing.sha256 ?? (await hashFile(this.pathOf(existing.id)));
        if (actual !== options.sha256.toLowerCase()) {
          throw checksumMismatch(options.sha256, actual, 'The model already downloaded from this link');
        }
      }
      return { ...existing };
    }
    const partialPath = join(this.options.dir, `${safeFileName(resolved.fileName)}.partial`);
    if (this.#downloads.has(partialPath)) {
      throw new HearthError('CONFLICT', 'This model is already downloading.', { source: resolved.source });
    }
    this.#downloads.add(partialPath);
    try {
      const done = await downloadModelFile({
        url: resolved.url,
        partialPath,
        signal: options.signal,
        onProgress: options.onProgress,
        addresses: options.addresses ?? 'any',
        ...(this.options.addressCheck ? { addressCheck: this.options.addressCheck } : {}),
        stallTimeoutMs: this.options.stallTimeoutMs,
      });
      if (options.sha256 && done.sha256 !== options.sha256.toLowerCase()) {
        await discardPartial(partialPath);
        throw checksumMismatch(options.sha256, done.sha256, 'The downloaded file');
      }
      try {
        await validateGguf(partialPath);
      } catch (error) {
        await discardPartial(partialPath);
        throw error;
      }
      const added = await this.#adopt(
        partialPath,
        resolved.fileName,
        resolved.source,
        done.sha256,
        options.displayName,
      );
      await discardPartial(partialPath);
      return added;
    } finally {
      this.#downloads.delete(partialPath);
    }
  }

  /** Removes the model and its file; defaults pointing at it are cleared. False when it was not there. */
  async delete(id: string): Promise<boolean> {
    const model = this.#state.models.find((m) => m.id === id);
    if (!model) return false;
    await this.#mutate((s) => this.#clearDangling({ ...s, models: s.models.filter((m) => m.id !== id) }));
    await rm(join(this.options.dir, model.fileName), { force: true });
    this.options.logger.info({ id }, 'model deleted');
    return true;
  }

  /** Chooses the model for a role (null clears it). An embedding-only model cannot be the chat model. */
  async setDefault(role: ModelRole, id: string | null): Promise<ModelDefaults> {
    if (id !== null) {
      const model = this.get(id);
      if (model.isReranker) {
        throw new HearthError('INVALID_INPUT', `${model.displayName} is a reranker; it only reorders passages.`, {
          id,
        });
      }
      if (role === 'chat' && model.isEmbeddingModel) {
        throw new HearthError('INVALID_INPUT', `${model.displayName} makes embeddings only; it cannot chat.`, { id });
      }
    }
    await this.#mutate((s) => ({ ...s, defaults: { ...s.defaults, [role]: id } }));
    return this.defaults();
  }

  /** Waits for pending catalogue writes. Downloads in flight are cancelled by their callers' signals. */
  async dispose(): Promise<void> {
    await this.#writes;
  }

  /** Validates the file at `temp`, hashes it and renames it into place as a new catalogue entry. */
  async #adopt(
    temp: string,
    originalName: string,
    source: string,
    knownSha256: string | null,
    displayName: string | undefined,
  ): Promise<ModelInfo> {
    const meta = await validateGguf(temp);
    const sha256 = knownSha256 ?? (await hashFile(temp));
    const duplicate = this.#state.models.find((m) => m.sha256 === sha256);
    if (duplicate) return { ...duplicate };
    const fileName = this.#freeFileName(originalName);
    const model: ModelInfo = {
      id: this.#freeId(fileName),
      displayName: displayName?.trim() || meta.name || fileName.replace(/\.gguf$/i, ''),
      fileName,
      source,
      sizeBytes: meta.sizeBytes,
      sha256,
      architecture: meta.architecture,
      parameters: meta.parameters,
      quantisation: meta.quantisation,
      contextLength: meta.contextLength,
      embeddingLength: meta.embeddingLength,
      isEmbeddingModel: meta.isEmbeddingModel,
      ...(meta.isReranker ? { isReranker: true } : {}),
      addedAt: this.options.now?.() ?? Date.now(),
    };
    await rename(temp, join(this.options.dir, fileName));
    const role: ModelRole | null = model.isReranker ? null : model.isEmbeddingModel ? 'embedding' : 'chat';
    // The first model of a kind becomes the default, so a fresh install works after one download. A reranker is
    // used whenever one is installed (preferredModels), so it has no default to set.
    await this.#mutate((s) => ({
      ...s,
      models: [...s.models, model],
      defaults: role !== null && s.defaults[role] === null ? { ...s.defaults, [role]: model.id } : s.defaults,
    }));
    this.options.logger.info({ id: model.id, source, sizeBytes: model.sizeBytes }, 'model added');
    return { ...model };
  }

  #freeFileName(name: string): string {
    const safe = safeFileName(name);
    const base = safe.replace(/\.gguf$/i, '');
    const taken = new Set(this.#state.models.map((m) => m.fileName.toLowerCase()));
    for (let n = 1; ; n++) {
      const candidate = `${base}${n === 1 ? '' : `-${n}`}.gguf`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }

  #freeId(fileName: string): string {
    const slug =
      fileName
        .replace(/\.gguf$/i, '')
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[^a-z0-9]+/, '')
        .slice(0, 100) || 'model';
    const taken = new Set(this.#state.models.map((m) => m.id));
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? slug : `${slug}-${n}`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  #clearDangling(s: CatalogFile): CatalogFile {
    const ids = new Set(s.models.map((m) => m.id));
    const keep = (id: string | null): string | null => (id !== null && ids.has(id) ? id : null);
    return { ...s, defaults: { chat: keep(s.defaults.chat), embedding: keep(s.defaults.embedding) } };
  }

  async #ensureSpace(bytes: number): Promise<void> {
    const fs = await statfs(this.options.dir).catch(() => null);
    if (fs && fs.bavail * fs.bsize < bytes) {
      throw new HearthError(
        'DISK_FULL',
        `This model needs ${formatBytes(bytes)} but only ${formatBytes(fs.bavail * fs.bsize)} are free.`,
      );
    }
  }

  /** Applies a change and writes the catalogue (write-then-rename, serialised) before resolving. */
  #mutate(change: (s: CatalogFile) => CatalogFile): Promise<void> {
    const write = async (): Promise<void> => {
      const next = change(this.#state);
      const file = join(this.options.dir, 'catalog.json');
      const tmp = `${file}.${randomUUID()}.tmp`;
      await writeFile(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      await rename(tmp, file);
      this.#state = next;
    };
    const result = this.#writes.then(write, write);
    this.#writes = result.catch(() => undefined);
    return result;
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function diskError(error: unknown): unknown {
  if (fileErrorCode(error) === 'DISK_FULL') {
    return new HearthError('DISK_FULL', 'The disk filled up while copying the model.', undefined, { cause: error });
  }
  return error;
}

/** The file is not the one whose SHA-256 the person gave: a wrong link, a changed file, or a mistyped checksum. */
function checksumMismatch(expected: string, actual: string, what: string): HearthError {
  return new HearthError(
    'MODEL_INVALID',
    `${what} is not the expected one: its SHA-256 does not match the one you entered. Check the checksum and ` +
      'the link; nothing was added.',
    { expected: expected.toLowerCase(), actual, checksum: true },
  );
}
