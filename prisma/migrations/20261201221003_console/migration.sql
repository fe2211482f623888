-- CreateTable
CREATE TABLE "console_sign_in_links" (
    "id" UUID NOT NULL,
    "staff_id" UUID NOT NULL,
    "via" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "session_id" UUID,

    CONSTRAINT "console_sign_in_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "console_sessions" (
    "id" UUID NOT NULL,
    "staff_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "flash" JSONB,

    CONSTRAINT "console_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "console_sign_in_links_token_hash_key" ON "console_sign_in_links"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "console_sign_in_links_session_id_key" ON "console_sign_in_links"("session_id");

-- CreateIndex
CREATE INDEX "console_sign_in_links_staff_id_created_at_idx" ON "console_sign_in_links"("staff_id", "created_at");

-- CreateIndex
CREATE INDEX "console_sign_in_links_expires_at_idx" ON "console_sign_in_links"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "console_sessions_token_hash_key" ON "console_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "console_sessions_staff_id_ended_at_idx" ON "console_sessions"("staff_id", "ended_at");

-- CreateIndex
CREATE INDEX "console_sessions_expires_at_idx" ON "console_sessions"("expires_at");

-- AddForeignKey
ALTER TABLE "console_sign_in_links" ADD CONSTRAINT "console_sign_in_links_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "console_sign_in_links" ADD CONSTRAINT "console_sign_in_links_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "console_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "console_sessions" ADD CONSTRAINT "console_sessions_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
