'use server';
// Admin-only Server Actions of the author profiles page (lib/cms/author-profiles.ts).
import { cmsAction } from '@/lib/cms/action';
import { editAuthor, editAuthorSchema, linkAuthor, linkAuthorSchema, unlinkAuthor, unlinkAuthorSchema } from '@/lib/cms/author-profiles';

// One flash name for every form on the page: the page shows the stored result at the card whose
// `author` it names (lib/cms/flash.ts).
export const editAuthorAction = cmsAction({ form: 'authors', schema: editAuthorSchema, role: 'admin', run: ({ tx, input }) => editAuthor(tx, input) });

export const linkAuthorAction = cmsAction({ form: 'authors', schema: linkAuthorSchema, role: 'admin', run: ({ tx, input }) => linkAuthor(tx, input) });

export const unlinkAuthorAction = cmsAction({ form: 'authors', schema: unlinkAuthorSchema, role: 'admin', run: ({ tx, input }) => unlinkAuthor(tx, input) });
