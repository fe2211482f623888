-- CreateTable
CREATE TABLE "chat_cards" (
    "id" BIGSERIAL NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "staff_id" UUID NOT NULL,
    "messenger" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "outbox_id" BIGINT,
    "message_id" INTEGER,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_cards_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "chat_cards_subject_type_subject_id_idx" ON "chat_cards"("subject_type", "subject_id");
