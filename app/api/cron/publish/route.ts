// GET /api/cron/publish – publish what is due (Vercel cron, or npm start's own scheduler); lib/cms/cron.ts
import { runCron } from '@/lib/cms/cron';

export const GET = runCron;
