// An image as the API and feeds describe it (SPEC §9): the original and every variant, absolute
// URLs, so a partner can pick a size and format without another request. One schema for the
// response types and the OpenAPI document (openapi/posts.ts).
import { z } from 'zod';

export const imageFileSchema = z
  .object({
    url: z.url().meta({ description: 'Absolute URL of this file; immutable (its path holds the hash of its bytes).' }),
    type: z.string().regex(/^image\/[a-z0-9.+-]+$/).meta({ description: 'Media type of this file: image/jpeg, image/png, image/webp, image/avif or image/gif.', example: 'image/jpeg' }),
    width: z.int().positive().meta({ description: 'Width in pixels.' }),
    height: z.int().positive().meta({ description: 'Height in pixels.' }),
    bytes: z.int().positive().meta({ description: 'Size of the file in bytes.' }),
  })
  .meta({ id: 'ImageFile', description: 'One file of an image: the original or a variant.' });

export const imageSchema = imageFileSchema
  .extend({
    alt: z.string().meta({ description: 'Text alternative for readers who cannot see the image; may be empty for a decorative image.' }),
    variants: z.array(imageFileSchema).meta({ description: 'Resized and re-encoded files (WebP, AVIF and the original format at several widths), for srcset.' }),
  })
  .meta({ id: 'Image', description: 'An image: its original file (url, type, width, height, bytes), its alt text and its variants.' });

export type ImageDocument = z.infer<typeof imageSchema>;
