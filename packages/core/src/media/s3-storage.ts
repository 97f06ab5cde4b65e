import { AwsClient } from 'aws4fetch';
import { contentTypeOfKey, MEDIA_KEY, type MediaStorage } from './media-storage';

/** The object store could not be reached or refused a request; nothing was half-written by Terroir. */
export class MediaStorageError extends Error {
  override readonly name = 'MediaStorageError';
  constructor(
    message: string,
    /** The store's HTTP status, when it answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface S3StorageOptions {
  /** The service's endpoint, e.g. `https://s3.cn-north-1.amazonaws.com.cn`, `https://oss-cn-qingdao.aliyuncs.com` or `http://127.0.0.1:9000`. */
  endpoint: string;
  bucket: string;
  /** Signing region (default `us-east-1`; many S3-compatible stores accept any). */
  region?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Optional key prefix inside the bucket, e.g. `terroir/` (default none). */
  prefix?: string;
  /**
   * Where browsers load the files from. A CDN or public bucket URL (e.g.
   * `https://media.village.example.cn`) sends them there directly; without one they are
   * served through the app by `mediaFiles()` at `publicPath` (ranges, immutable caching).
   */
  publicBaseUrl?: string;
  /** Path the app serves the files under when there is no `publicBaseUrl` (default `/media`). */
  publicPath?: string;
  /** Give up on one request after this long (default 10 000 ms). */
  timeoutMs?: number;
  /** The fetch to use (tests, proxies; default the global one). */
  fetch?: typeof fetch;
}

/**
 * Media in any S3-compatible object store (AWS S3, Aliyun OSS, Tencent COS, MinIO, Ceph…),
 * path-style, signed with AWS Signature V4 by `aws4fetch` (a small, well-kept signer, so the
 * SDK's ~100 packages stay out of a village's install). Files are written with their type
 * and `immutable` caching: keys are content hashes, so a file never changes.
 *
 * @example
 * const storage = new S3Storage({
 *   endpoint: 'https://oss-cn-qingdao.aliyuncs.com', bucket: 'laiyang-media', region: 'oss-cn-qingdao',
 *   accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY!,
 *   publicBaseUrl: 'https://media.laiyang.example.cn',
 * });
 */
export class S3Storage implements MediaStorage {
  private readonly client: AwsClient;
  private readonly base: string;
  private readonly prefix: string;
  private readonly publicBase: string;
  private readonly timeoutMs: number;

  constructor(options: S3StorageOptions) {
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      region: options.region ?? 'us-east-1',
      service: 's3',
      retries: 0,
    });
    this.base = `${options.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(options.bucket)}`;
    this.prefix = options.prefix ?? '';
    this.publicBase = (options.publicBaseUrl ?? options.publicPath ?? '/media').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    if (options.fetch) this.fetchImpl = options.fetch;
  }

  private fetchImpl: typeof fetch = (input, init) => fetch(input, init);

  private objectUrl(key: string): string {
    if (!MEDIA_KEY.test(key)) throw new RangeError(`Not a media key: ${key.slice(0, 100)}`);
    return `${this.base}/${this.prefix}${key}`;
  }

  /**
   * One signed request, tried twice when the store fails (network error or 5xx, as S3 asks
   * clients to): every request here is idempotent, since keys are content hashes.
   */
  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, init: { body?: Uint8Array; headers?: Record<string, string> } = {}): Promise<Response> {
    const url = this.objectUrl(key);
    for (let attempt = 1; ; attempt++) {
      const signed = await this.client.sign(url, {
        method,
        headers: init.headers ?? {},
        ...(init.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}),
      });
      let response: Response;
      try {
        response = await this.fetchImpl(signed, { signal: AbortSignal.timeout(this.timeoutMs) });
      } catch (error) {
        if (attempt < 2) continue;
        throw new MediaStorageError(`The media store did not answer (${method} ${key}): ${(error as Error).message}`, undefined, { cause: error });
      }
      if (response.status < 500 || attempt >= 2) return response;
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private static async refusal(response: Response, what: string): Promise<MediaStorageError> {
    const text = (await response.text().catch(() => '')).slice(0, 300);
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    return new MediaStorageError(`The media store refused to ${what}: HTTP ${response.status}${code ? ` ${code}` : ''}`, response.status);
  }

  async put(key: string, bytes: Uint8Array, contentType?: string): Promise<void> {
    const response = await this.send('PUT', key, {
      body: bytes,
      headers: {
        'Content-Type': contentType ?? contentTypeOfKey(key) ?? 'application/octet-stream',
        'Cache-Control': 'public, max-age=31536000, immutable',
      },
    });
    if (!response.ok) throw await S3Storage.refusal(response, `store ${key}`);
    await response.arrayBuffer();
  }

  async get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null> {
    if (!MEDIA_KEY.test(key)) return null;
    const response = await this.send('GET', key);
    if (response.status === 404) {
      await response.arrayBuffer();
      return null;
    }
    if (!response.ok) throw await S3Storage.refusal(response, `read ${key}`);
    // The type Terroir chose for the key, not whatever the store says.
    return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: contentTypeOfKey(key)! };
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    await response.arrayBuffer();
    if (!response.ok && response.status !== 404)
      throw new MediaStorageError(`The media store refused to delete ${key}: HTTP ${response.status}`, response.status);
  }

  url(key: string): string {
    return `${this.publicBase}/${this.prefix && this.publicBase.startsWith('http') ? this.prefix : ''}${key}`;
  }
}
