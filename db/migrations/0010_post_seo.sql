ALTER TABLE "posts" ADD COLUMN "meta_title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "meta_description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "canonical_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "noindex" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_meta_title_length" CHECK (char_length("posts"."meta_title") <= 70);--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_meta_description_length" CHECK (char_length("posts"."meta_description") <= 200);--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_canonical_url_format" CHECK ("posts"."canonical_url" = '' OR ("posts"."canonical_url" ~ '^https?://[^\s]+$' AND char_length("posts"."canonical_url") <= 2000));