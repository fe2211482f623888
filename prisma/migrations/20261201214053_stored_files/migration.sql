-- CreateTable
CREATE TABLE "stored_files" (
    "id" UUID NOT NULL,
    "service_id" UUID,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delete_after" TIMESTAMPTZ(3),

    CONSTRAINT "stored_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stored_files_delete_after_idx" ON "stored_files"("delete_after");

-- CreateIndex
CREATE INDEX "stored_files_service_id_created_at_idx" ON "stored_files"("service_id", "created_at");
