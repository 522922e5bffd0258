/**
 * Streaming inflate / gunzip that counts the bytes it really produces and stops at a cap,
 * so a zip bomb or a lying header can never make us allocate more than `maxBytes`.
 */
import { Gunzip, Inflate } from 'fflate';
import { crc32 } from './crc32';

/** Compressed bytes handed to fflate per call: bounds one call's output to ~1032× this (≤ 66 MiB, deflate's max ratio) while staying fast. */
const PUSH_BYTES = 64 * 1024;

export interface CappedInflaterOptions {
  format: 'deflate' | 'gzip';
  /** Stop (throw `limitError`) as soon as more than this many bytes come out. */
  maxBytes: number;
  /** Error to throw when the cap is passed; receives the bytes produced so far. */
  limitError: (producedBytes: number) => Error;
  /** Error to throw when the stream is malformed or ends early; receives fflate's message. */
  corruptError: (detail: string) => Error;
}

export class CappedInflater {
  private readonly stream: Inflate | Gunzip;
  private readonly chunks: Uint8Array[] = [];
  private produced = 0;
  private failure: Error | null = null;
  private finished = false;
  private readonly options: CappedInflaterOptions;
  /** gzip only: running CRC of the output, last 8 input bytes (the trailer), and member count. */
  private outputCrc = 0;
  private tail = new Uint8Array(0);
  private members = 1;

  constructor(options: CappedInflaterOptions) {
    this.options = options;
    const onData = (chunk: Uint8Array): void => {
      if (chunk.length === 0) return;
      this.produced += chunk.length;
      if (this.produced > options.maxBytes) {
        this.failure = options.limitError(this.produced);
        throw this.failure;
      }
      if (options.format === 'gzip') this.outputCrc = crc32(chunk, this.outputCrc);
      this.chunks.push(chunk);
    };
    if (options.format === 'gzip') {
      const gunzip = new Gunzip(onData);
      gunzip.onmember = () => {
        this.members++;
      };
      this.stream = gunzip;
    } else {
      this.stream = new Inflate(onData);
    }
  }

  /** Bytes produced so far. */
  get size(): number {
    return this.produced;
  }

  /** Feeds compressed bytes; `final` on the last piece. Throws the limit or corrupt error. */
  push(data: Uint8Array, final: boolean): void {
    if (this.failure) throw this.failure;
    if (this.finished) throw new Error('CappedInflater: push after the final chunk.');
    if (data.length === 0) {
      this.pushPiece(data, final);
    }
    for (let start = 0; start < data.length; start += PUSH_BYTES) {
      const end = Math.min(data.length, start + PUSH_BYTES);
      this.pushPiece(data.subarray(start, end), final && end === data.length);
    }
    if (this.options.format === 'gzip') this.rememberTail(data);
    if (final) {
      this.finished = true;
      if (this.options.format === 'gzip') this.checkGzipTrailer();
    }
  }

  private rememberTail(data: Uint8Array): void {
    if (data.length >= 8) {
      this.tail = data.slice(data.length - 8);
    } else {
      const joined = new Uint8Array(this.tail.length + data.length);
      joined.set(this.tail);
      joined.set(data, this.tail.length);
      this.tail = joined.slice(Math.max(0, joined.length - 8));
    }
  }

  /**
   * fflate's Gunzip does not check the trailer, so a cut-off .gz would silently give partial
   * output. For single-member files (all common ones) verify CRC-32 and ISIZE ourselves.
   */
  private checkGzipTrailer(): void {
    if (this.members !== 1) return;
    const t = this.tail;
    const fail = (detail: string): never => {
      this.failure = this.options.corruptError(detail);
      throw this.failure;
    };
    if (t.length < 8) fail('file too short');
    const crc = (t[0] | (t[1] << 8) | (t[2] << 16) | (t[3] << 24)) >>> 0;
    const size = (t[4] | (t[5] << 8) | (t[6] << 16) | (t[7] << 24)) >>> 0;
    if (size !== this.produced % 0x100000000 || crc !== this.outputCrc) fail('the data is cut off or damaged: size or checksum does not match');
  }

  private pushPiece(piece: Uint8Array, final: boolean): void {
    try {
      this.stream.push(piece, final);
    } catch (error) {
      if (this.failure) throw this.failure;
      const detail = error instanceof Error ? error.message : String(error);
      this.failure = this.options.corruptError(detail);
      throw this.failure;
    }
  }

  /** The whole output as one exact-size array (call after the final push). */
  result(): Uint8Array {
    if (this.failure) throw this.failure;
    if (!this.finished) throw new Error('CappedInflater: result() before the final chunk.');
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.produced);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks.length = 0;
    this.chunks.push(out);
    return out;
  }
}

/** Inflates a whole in-memory buffer with a cap. */
export function inflateCapped(data: Uint8Array, options: CappedInflaterOptions): Uint8Array {
  const inflater = new CappedInflater(options);
  inflater.push(data, true);
  return inflater.result();
}

/** True when the bytes start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
