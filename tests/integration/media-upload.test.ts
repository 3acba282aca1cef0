// Media uploads against the folder store (the embedded default: `media` beside the data directory).
import { startTestServer } from '../helpers/app-server';
import { mediaUploadSuite, SUITE_MAX_BYTES } from './media-upload.suite';

mediaUploadSuite('folder store', () => startTestServer({ MEDIA_MAX_BYTES: String(SUITE_MAX_BYTES) }));
