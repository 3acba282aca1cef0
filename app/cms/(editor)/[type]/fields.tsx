'use client';
// Each content type's own form fields, by type name (lib/cms/types/*.ts `name`); the frame
// around them is ./item-form.tsx. A new content type adds its fields component here.
import type { ComponentType } from 'react';
import type { FieldOptions } from '@/lib/cms/content-type';
import { ChangelogFields } from './fields/changelog-fields';
import { EventFields } from './fields/event-fields';
import { PostFields } from './fields/post-fields';

export interface FieldsProps {
  /** The item's id ('' for a new one). */
  id: string;
  /** The field's value: what the editor last submitted, else the saved one. */
  value: (name: string) => string;
  checked: (name: string) => boolean;
  err: (name: string) => string | undefined;
  /** id, name, aria-invalid and aria-describedby of a control. */
  control: (name: string, hasHint?: boolean) => { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  /** Choices for fields that pick from stored things (the type's fieldOptions). */
  options: FieldOptions;
  previewHtml?: string;
}

export const FIELDS: Record<string, ComponentType<FieldsProps>> = {
  post: PostFields,
  changelog: ChangelogFields,
  event: EventFields,
};
