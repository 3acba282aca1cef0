import { ensureTemplate } from './template-db';

export default async function setup(): Promise<void> {
  await ensureTemplate();
}
