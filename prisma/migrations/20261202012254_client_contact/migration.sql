-- CreateTable
CREATE TABLE "client_consents" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "given_by" TEXT NOT NULL,
    "given_on" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawn_by_id" UUID,
    "withdrawn_how" TEXT,

    CONSTRAINT "client_consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_invitations" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "consent_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_identities" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "consent_id" UUID NOT NULL,
    "messenger" TEXT NOT NULL,
    "external_user_id" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'ru',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_plan_id" UUID,

    CONSTRAINT "client_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_messages" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "direction" TEXT NOT NULL,
    "staff_id" UUID,
    "text" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_events" (
    "id" BIGSERIAL NOT NULL,
    "service_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actor_staff_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "client_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_reminders" (
    "case_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_reminders_pkey" PRIMARY KEY ("case_id","key")
);

-- CreateTable
CREATE TABLE "client_curator_hours" (
    "staff_id" UUID NOT NULL,
    "days" INTEGER[],
    "from_minute" INTEGER NOT NULL,
    "to_minute" INTEGER NOT NULL,

    CONSTRAINT "client_curator_hours_pkey" PRIMARY KEY ("staff_id")
);

-- CreateTable
CREATE TABLE "client_service_settings" (
    "service_id" UUID NOT NULL,
    "emergency_phone" TEXT,

    CONSTRAINT "client_service_settings_pkey" PRIMARY KEY ("service_id")
);

-- CreateIndex
CREATE INDEX "client_consents_case_id_idx" ON "client_consents"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "client_invitations_code_key" ON "client_invitations"("code");

-- CreateIndex
CREATE INDEX "client_invitations_case_id_idx" ON "client_invitations"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "client_identities_case_id_key" ON "client_identities"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "client_identities_messenger_external_user_id_key" ON "client_identities"("messenger", "external_user_id");

-- CreateIndex
CREATE INDEX "client_messages_case_id_at_idx" ON "client_messages"("case_id", "at");

-- CreateIndex
CREATE INDEX "client_events_case_id_id_idx" ON "client_events"("case_id", "id");
