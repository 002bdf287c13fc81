import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { HearthError } from '../../../shared/errors';
import { fileErrorCode } from '../../errors/fileErrorCode';
import { formatBytes } from '../../../shared/formatBytes';
import { GGML_TYPES } from './ggmlTypes';

/** A metadata value. Integers beyond 2^53 stay bigint; arrays keep their values only when short and numeric. */
export type GgufMetaValue = number | bigint | boolean | string | GgufMetaArray;

export interface GgufMetaArray {
  itemType: string;
  length: number;
  /** Present for numeric/bool arrays of at most 4096 items (per-layer values); never for strings (vocabularies). */
  values?: (number | bigint | boolean)[];
}

export interface GgufTensorInfo {
  name: string;
  /** `ne[]`, fastest first. */
  dims: number[];
  type: string;
  elements: number;
  /** Offset inside the data section. */
  offset: number;
  byteSize: number;
}

export interface GgufHeader {
  version: number;
  fileSize: number;
  alignment: number;
  metadata: ReadonlyMap<string, GgufMetaValue>;
  tensors: GgufTensorInfo[];
  /** Where tensor data starts in the file. */
  dataOffset: number;
  /** Bytes the tensor data needs, padding included. */
  dataSize: number;
}

const VALUE_TYPES = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'bool', 'string', 'array', 'u64', 'i64', 'f64'];
const FIXED_SIZE: Record<string, number> = {
  ...{ u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, bool: 1 },
  ...{ u64: 8, i64: 8, f64: 8 },
};
const MAX_KV = 65_536n;
const MAX_TENSORS = 1_000_000n;
/** Far above any real vocabulary (~256k tokens) or merge list (~500k). */
const MAX_ARRAY = 1n << 28n;
const MAX_KEY_BYTES = 65_535;
/** Strings longer than this (no real metadata value is) are skipped, not read. */
const MAX_KEPT_STRING = 1 << 20;
const MAX_KEPT_ARRAY = 4096;
/** ggml's GGML_MAX_NAME and GGML_MAX_DIMS: gguf.cpp refuses files beyond them. */
const MAX_TENSOR_NAME = 63;
const MAX_DIMS = 4;
const WINDOW = 1 << 20;

const invalid = (message: string, details?: Record<string, unknown>): HearthError =>
  new HearthError('MODEL_INVALID', message, details);

/** Thrown by the reader when the file ends; turned into a message about a cut-short header. */
class EndOfFile extends Error {}

/**
 * Reads a GGUF file's header, metadata and tensor infos with bounded reads: every count and length is checked
 * against the bytes left in the file before anything is read or allocated, so a hostile file cannot make
 * Hearth allocate or loop on numbers it merely claims. Tensor data is never read.
 */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    const code = fileErrorCode(error);
    if (code === 'NOT_FOUND') throw new HearthError('NOT_FOUND', 'The model file was not found.', { path });
    if (code === 'PERMISSION_DENIED') {
      throw new HearthError('PERMISSION_DENIED', 'Hearth is not allowed to read this model file.', { path });
    }
    throw error;
  }
  try {
    const fileSize = (await file.stat()).size;
    const r = new Reader(file, fileSize);
    try {
      return await parse(r, fileSize);
    } catch (error) {
      if (!(error instanceof EndOfFile)) throw error;
      throw invalid(
        `This file is cut short: it ends at ${formatBytes(fileSize)}, inside its header. Download or copy it again.`,
        { fileSize },
      );
    }
  } finally {
    await file.close();
  }
}

async function parse(r: Reader, fileSize: number): Promise<GgufHeader> {
  if (fileSize === 0) throw invalid('This file is empty; it is not a model.');
  const magic = await r.bytes(Math.min(4, fileSize));
  if (magic.toString('latin1') !== 'GGUF') throw notGguf(magic);
  const version = await r.u32();
  if (version === 0x03000000 || version === 0x02000000) {
    throw invalid(
      'This GGUF file is big-endian (made for other hardware). Use the little-endian version of the model.',
    );
  }
  if (version === 1)
    throw invalid('This is an early GGUF file (version 1) that Hearth cannot read. Download a newer conversion.');
  if (version !== 2 && version !== 3) {
    throw invalid(`This GGUF file says it is format version ${version}, which Hearth cannot read (it reads 2 and 3).`, {
      version,
    });
  }
  const tensorCount = await r.u64();
  const kvCount = await r.u64();
  // Counts are checked before any loop or allocation trusts them: beyond any real model's, the header is
  // damaged; more than the rest of the file can hold (≥ 13 bytes a KV, ≥ 33 a tensor info), it is cut short.
  if (kvCount > MAX_KV) throw damagedCount(`${kvCount} metadata entries`, fileSize);
  if (tensorCount > MAX_TENSORS) throw damagedCount(`${tensorCount} tensors`, fileSize);
  if (kvCount * 13n + tensorCount * 33n > BigInt(fileSize - r.pos)) throw new EndOfFile();

  const metadata = new Map<string, GgufMetaValue>();
  for (let i = 0; i < Number(kvCount); i++) {
    const key = await r.string(MAX_KEY_BYTES);
    if (key === null) throw invalid('This file’s header is damaged: a metadata key is impossibly long.');
    if (metadata.has(key)) throw invalid(`This file’s header is damaged: the key “${key}” appears twice.`);
    metadata.set(key, await readValue(r, key, await r.u32()));
  }

  const alignmentValue = metadata.get('general.alignment') ?? 32;
  const alignment = typeof alignmentValue === 'number' ? alignmentValue : 0;
  if (!Number.isInteger(alignment) || alignment <= 0 || (alignment & (alignment - 1)) !== 0) {
    throw invalid('This file’s header is damaged: its data alignment is not a power of two.', { alignment });
  }

  const tensors: GgufTensorInfo[] = [];
  const names = new Set<string>();
  let expectedOffset = 0;
  for (let i = 0; i < Number(tensorCount); i++) {
    const name = await r.string(MAX_TENSOR_NAME);
    if (name === null) throw invalid('This file’s header is damaged: a tensor name is longer than GGUF allows.');
    if (names.has(name)) throw invalid(`This file’s header is damaged: the tensor “${name}” appears twice.`);
    names.add(name);
    const nDims = await r.u32();
    if (nDims < 1 || nDims > MAX_DIMS)
      throw invalid(`The tensor “${name}” has ${nDims} dimensions; GGUF allows 1 to 4.`);
    const dims: number[] = [];
    let elements = 1n;
    for (let d = 0; d < nDims; d++) {
      const ne = await r.u64();
      if (ne < 1n || ne > 2n ** 40n) throw invalid(`The tensor “${name}” has an impossible size (${ne}).`, { name });
      elements *= ne;
      dims.push(Number(ne));
    }
    if (elements > 2n ** 50n) throw invalid(`The tensor “${name}” has an impossible size.`, { name });
    const typeId = await r.u32();
    const type = GGML_TYPES.get(typeId);
    if (type === undefined) {
      throw invalid(`The tensor “${name}” uses a number format (ggml type ${typeId}) that Hearth cannot run.`, {
        name,
        typeId,
      });
    }
    if ((dims[0] ?? 0) % type.blockSize !== 0) {
      throw invalid(`The tensor “${name}” is damaged: its row length does not fit its ${type.name} blocks.`, { name });
    }
    const offset = await r.u64();
    // gguf.cpp requires tensors to be laid out back to back in order, each aligned; so does Hearth.
    if (offset !== BigInt(expectedOffset)) {
      throw invalid(`This file’s header is damaged: the tensor “${name}” is not where its layout says it should be.`, {
        name,
        offset: offset.toString(),
        expectedOffset,
      });
    }
    const byteSize = (Number(elements) / type.blockSize) * type.typeSize;
    tensors.push({ name, dims, type: type.name, elements: Number(elements), offset: expectedOffset, byteSize });
    expectedOffset = alignUp(expectedOffset + byteSize, alignment);
  }
  const dataOffset = alignUp(r.pos, alignment);
  return { version, fileSize, alignment, metadata, tensors, dataOffset, dataSize: expectedOffset };
}

async function readValue(r: Reader, key: string, typeId: number): Promise<GgufMetaValue> {
  const type = VALUE_TYPES[typeId];
  if (type === undefined) throw invalid(`This file’s header is damaged: “${key}” has unknown value type ${typeId}.`);
  if (type === 'string') return (await r.string(MAX_KEPT_STRING)) ?? '';
  if (type !== 'array') return r.scalar(type);
  const itemType = VALUE_TYPES[await r.u32()];
  if (itemType === undefined || itemType === 'array') {
    throw invalid(`This file’s header is damaged: “${key}” is an array of an unsupported type.`);
  }
  const length = await r.u64();
  const minItem = itemType === 'string' ? 8 : (FIXED_SIZE[itemType] ?? 1);
  if (length > MAX_ARRAY) throw damagedCount(`${length} items in “${key}”`, r.fileSize);
  if (length * BigInt(minItem) > BigInt(r.fileSize - r.pos)) throw new EndOfFile();
  const n = Number(length);
  if (itemType === 'string') {
    // Vocabularies and merge lists hold ~10^5 strings: skip them with synchronous reads inside the window.
    for (let i = 0; i < n; i++) {
      if (!r.has(8)) await r.bytes(0, 8);
      const length = r.takeU64();
      if (length > BigInt(r.fileSize - r.pos)) throw new EndOfFile();
      r.skip(Number(length));
    }
    return { itemType, length: n };
  }
  if (n > MAX_KEPT_ARRAY) {
    r.skip(n * minItem);
    return { itemType, length: n };
  }
  const values: (number | bigint | boolean)[] = [];
  for (let i = 0; i < n; i++) values.push(await r.scalar(itemType));
  return { itemType, length: n, values };
}

function notGguf(start: Buffer): HearthError {
  const text = start.toString('latin1');
  if (text.startsWith('<') || text.startsWith('{')) {
    return invalid('This file is a web page or text, not a model. The download may have saved an error page.');
  }
  if (/^gg(ml|mf|jt)/i.test(text) || text === 'lmgg' || text === 'fmgg' || text === 'tjgg') {
    return invalid('This is an old GGML model file. Hearth needs the newer GGUF format of the same model.');
  }
  return invalid('This file is not a GGUF model. Hearth runs models in the GGUF format (files ending in .gguf).');
}

function damagedCount(what: string, fileSize: number): HearthError {
  return invalid(
    `This file’s header is damaged: it claims ${what}, more than a ${formatBytes(fileSize)} file can hold.`,
    {
      fileSize,
    },
  );
}

function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

/** A forward-only reader over a 1 MiB window; it never reads past the file's end or allocates from claims. */
class Reader {
  pos = 0;
  #window = Buffer.alloc(0);
  #windowStart = 0;

  constructor(
    private readonly file: FileHandle,
    readonly fileSize: number,
  ) {}

  /** Whether the next `n` bytes are already in the window. */
  has(n: number): boolean {
    const at = this.pos - this.#windowStart;
    return at >= 0 && at + n <= this.#window.length;
  }

  /** A u64 from the window; call only after `has(8)`. */
  takeU64(): bigint {
    const v = this.#window.readBigUInt64LE(this.pos - this.#windowStart);
    this.pos += 8;
    return v;
  }

  /**
   * Returns `n` bytes at the current position, reading more of the file when the window runs out; `prefetch`
   * makes sure at least that many bytes are in the window without consuming them.
   */
  async bytes(n: number, prefetch = n): Promise<Buffer> {
    if (this.pos + Math.max(n, prefetch) > this.fileSize) throw new EndOfFile();
    if (!this.has(Math.max(n, prefetch))) {
      const size = Math.min(Math.max(n, prefetch, WINDOW), this.fileSize - this.pos);
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await this.file.read(buffer, 0, size, this.pos);
      if (bytesRead < Math.max(n, prefetch)) throw new EndOfFile();
      this.#window = buffer.subarray(0, bytesRead);
      this.#windowStart = this.pos;
    }
    const start = this.pos - this.#windowStart;
    this.pos += n;
    return this.#window.subarray(start, start + n);
  }

  skip(n: number): void {
    if (this.pos + n > this.fileSize) throw new EndOfFile();
    this.pos += n;
  }

  async u32(): Promise<number> {
    return (await this.bytes(4)).readUInt32LE(0);
  }

  async u64(): Promise<bigint> {
    return (await this.bytes(8)).readBigUInt64LE(0);
  }

  /** A string, or null when longer than `keep` bytes (skipped without reading; `keep` 0 always skips). */
  async string(keep: number): Promise<string | null> {
    const length = await this.u64();
    if (length > BigInt(this.fileSize - this.pos)) throw new EndOfFile();
    const n = Number(length);
    if (n > keep) {
      this.skip(n);
      return null;
    }
    return (await this.bytes(n)).toString('utf8');
  }

  async scalar(type: string): Promise<number | bigint | boolean> {
    const size = FIXED_SIZE[type] ?? 0;
    const b = await this.bytes(size);
    switch (type) {
      case 'u8':
        return b.readUInt8(0);
      case 'i8':
        return b.readInt8(0);
      case 'u16':
        return b.readUInt16LE(0);
      case 'i16':
        return b.readInt16LE(0);
      case 'u32':
        return b.readUInt32LE(0);
      case 'i32':
        return b.readInt32LE(0);
      case 'f32':
        return b.readFloatLE(0);
      case 'bool':
        return b.readUInt8(0) !== 0;
      case 'f64':
        return b.readDoubleLE(0);
      default: {
        const v = type === 'u64' ? b.readBigUInt64LE(0) : b.readBigInt64LE(0);
        return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
      }
    }
  }
}
