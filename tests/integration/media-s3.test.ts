// Media uploads against an S3-compatible bucket. s3rver (a local S3-compatible server, started
// here on 127.0.0.1 with a temporary directory) stands in for a real bucket (AWS S3, R2, MinIO):
// the store speaks to it with the same @aws-sdk/client-s3 calls it makes in production.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll } from 'vitest';
import { resetConfig } from '@/lib/config';
import { getMediaStore } from '@/lib/media/store';
import { startTestServer } from '../helpers/app-server';
import { copyMediaInto } from '../helpers/template-db';
import { mediaUploadSuite, SUITE_MAX_BYTES } from './media-upload.suite';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-s3rver-'));
const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'gazette-media', configs: [] }] });
afterAll(async () => {
  await s3.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

mediaUploadSuite('S3-compatible bucket (s3rver)', async () => {
  const address = await s3.run();
  const server = await startTestServer({
    MEDIA_MAX_BYTES: String(SUITE_MAX_BYTES),
    MEDIA_S3_BUCKET: 'gazette-media',
    MEDIA_S3_ENDPOINT: `http://127.0.0.1:${address.port}`,
    MEDIA_S3_REGION: 'us-east-1',
    MEDIA_S3_FORCE_PATH_STYLE: 'true',
    MEDIA_S3_ACCESS_KEY_ID: 'S3RVER',
    MEDIA_S3_SECRET_ACCESS_KEY: 'S3RVER',
    MEDIA_S3_PREFIX: 'media/',
  });
  // The demo images of the copied database live in its folder: a deployment moving to a bucket
  // copies them over, and so does this test.
  resetConfig();
  await copyMediaInto(server.handle.db, path.join(path.dirname(server.dataDir), 'media'), await getMediaStore());
  return server;
});
