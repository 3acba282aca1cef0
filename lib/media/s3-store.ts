// Media files in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO), configured by the
// MEDIA_S3_* variables (lib/config.ts). Tested against s3rver, a local S3-compatible server
// standing in for a real bucket (tests/integration/media-s3.test.ts).
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { MediaConfig } from '@/lib/config';
import { HASH } from './formats';
import type { MediaStore, StoredObject } from './store';

type S3Config = Extract<MediaConfig['store'], { kind: 's3' }>;

const absent = (err: unknown) =>
  err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NotFound' || err.name === 'NoSuchKey');

export class S3Store implements MediaStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      // Bounded: a bucket that does not answer fails the upload or the request, never hangs it.
      requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000 },
      maxAttempts: 3,
    });
  }

  private key(key: string): string {
    if (!HASH.test(key)) throw new Error(`not a media key: ${key.slice(0, 80)}`);
    return `${this.config.prefix}${key}`;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    // Putting the same key again is harmless (same bytes) and refreshes LastModified for the sweep.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.key(key),
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.byteLength,
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }));
      return true;
    } catch (err) {
      if (absent(err)) return false;
      throw err;
    }
  }

  async modified(key: string): Promise<Date | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }));
      return head.LastModified ?? new Date(0);
    } catch (err) {
      if (absent(err)) return undefined;
      throw err;
    }
  }

  async read(key: string, range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array> | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      return out.Body ? (out.Body.transformToWebStream() as ReadableStream<Uint8Array>) : null;
    } catch (err) {
      if (absent(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }));
  }

  async *list(): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.config.prefix || undefined, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(this.config.prefix.length);
        if (key && HASH.test(key)) yield { key, modified: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
