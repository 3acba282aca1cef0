CREATE TABLE "form_flash" (
	"id" text PRIMARY KEY NOT NULL,
	"form" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
