// The editor's own profile: the public byline (display name, bio) and the CMS time zone.
import type { Metadata } from 'next';
import { cmsDb } from '@/lib/cms/db';
import { editorZone } from '@/lib/cms/editor-clock';
import { takeFlash } from '@/lib/cms/flash';
import { loadProfile } from '@/lib/cms/profile';
import { requireEditor } from '@/lib/cms/session';
import { timeZones } from '@/lib/cms/time';
import { ProfileForm } from './profile-form';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const editor = await requireEditor();
  const profile = await loadProfile(await cmsDb(), editor);
  const zone = await editorZone();
  // A no-JavaScript submission's result, shown once (lib/cms/flash.ts).
  const flash = await takeFlash('profile');
  const { saved } = await searchParams;
  return (
    <main>
      <h1>Your profile</h1>
      <ProfileForm initial={profile} zones={timeZones()} detected={zone.browser} notice={saved === '1' ? 'Profile saved.' : undefined} flash={flash} />
    </main>
  );
}
