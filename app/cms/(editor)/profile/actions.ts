'use server';
// Saving the signed-in editor's own profile (lib/cms/profile.ts), through the one action wrapper.
import { cmsAction, type ActionState } from '@/lib/cms/action';
import { profileSchema, saveProfile } from '@/lib/cms/profile';

const save = cmsAction({ form: 'profile', schema: profileSchema, run: ({ tx, editor, input }) => saveProfile(tx, editor, input) });

export async function saveProfileAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return save(prev, formData);
}
