-- CreateEnum
CREATE TYPE "staff_role" AS ENUM ('reporter', 'head', 'curator', 'psychologist', 'admin');

-- CreateEnum
CREATE TYPE "signal_category" AS ENUM ('intends_to_abandon', 'undecided', 'refusal_written', 'pregnant_intends');

-- CreateEnum
CREATE TYPE "woman_location" AS ENUM ('together_in_ward', 'child_in_icu', 'woman_left');

-- CreateEnum
CREATE TYPE "urgency" AS ENUM ('urgent', 'planned');

-- CreateEnum
CREATE TYPE "signal_status" AS ENUM ('received', 'assigned', 'accepted', 'on_the_way', 'arrived', 'case_opened', 'not_confirmed');

-- CreateEnum
CREATE TYPE "case_status" AS ENUM ('open', 'accompaniment', 'closed', 'handed_over');

-- CreateTable
CREATE TABLE "services" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hospitals" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,
    "time_zone" TEXT,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hospitals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "role" "staff_role" NOT NULL,
    "hospital_id" UUID,
    "full_name" TEXT NOT NULL,
    "phone" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'ru',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivated_at" TIMESTAMPTZ(3),
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messenger_identities" (
    "id" UUID NOT NULL,
    "staff_id" UUID NOT NULL,
    "messenger" TEXT NOT NULL,
    "external_user_id" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messenger_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "role" "staff_role" NOT NULL,
    "hospital_id" UUID,
    "full_name" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "used_by_staff_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dialogue_sessions" (
    "id" UUID NOT NULL,
    "messenger" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "staff_id" UUID,
    "flow_id" TEXT NOT NULL,
    "flow_version" INTEGER NOT NULL,
    "engine_version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "prompt_message_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dialogue_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_updates" (
    "messenger" TEXT NOT NULL,
    "bot_id" TEXT NOT NULL,
    "update_id" BIGINT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_updates_pkey" PRIMARY KEY ("messenger","bot_id","update_id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" BIGSERIAL NOT NULL,
    "messenger" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "result_message_id" INTEGER,
    "session_id" UUID,
    "is_prompt" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "service_id" UUID,
    "actor_staff_id" UUID,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signals" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "hospital_id" UUID NOT NULL,
    "reporter_id" UUID NOT NULL,
    "hospital_year" INTEGER NOT NULL,
    "hospital_number" INTEGER NOT NULL,
    "service_year" INTEGER NOT NULL,
    "service_number" INTEGER NOT NULL,
    "woman_full_name" TEXT NOT NULL,
    "woman_name_key" TEXT NOT NULL,
    "woman_birth_date" DATE,
    "woman_age" INTEGER,
    "registered_address" TEXT,
    "actual_address" TEXT,
    "ambulance_from" TEXT,
    "phone" TEXT,
    "category" "signal_category" NOT NULL,
    "location" "woman_location" NOT NULL,
    "comment" TEXT,
    "identified_at" TIMESTAMPTZ(3) NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "transmitted_at" TIMESTAMPTZ(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "urgency" "urgency",
    "status" "signal_status" NOT NULL DEFAULT 'received',
    "curator_id" UUID,
    "assigned_at" TIMESTAMPTZ(3),
    "assigned_by_id" UUID,
    "accepted_at" TIMESTAMPTZ(3),
    "departed_at" TIMESTAMPTZ(3),
    "arrived_at" TIMESTAMPTZ(3),
    "visit_deadline" TIMESTAMPTZ(3),
    "outcome" JSONB,
    "decided_at" TIMESTAMPTZ(3),
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "signals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signal_events" (
    "id" BIGSERIAL NOT NULL,
    "signal_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actor_staff_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB NOT NULL,

    CONSTRAINT "signal_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "signal_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "case_year" INTEGER NOT NULL,
    "case_number" INTEGER NOT NULL,
    "curator_id" UUID NOT NULL,
    "status" "case_status" NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "close_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journal_counters" (
    "scope" TEXT NOT NULL,
    "scope_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "journal_counters_pkey" PRIMARY KEY ("scope","scope_id","year")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "staff_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "hospitals_service_id_name_key" ON "hospitals"("service_id", "name");

-- CreateIndex
CREATE INDEX "staff_service_id_role_active_idx" ON "staff"("service_id", "role", "active");

-- CreateIndex
CREATE INDEX "staff_hospital_id_idx" ON "staff"("hospital_id");

-- CreateIndex
CREATE INDEX "messenger_identities_staff_id_idx" ON "messenger_identities"("staff_id");

-- CreateIndex
CREATE UNIQUE INDEX "messenger_identities_messenger_external_user_id_key" ON "messenger_identities"("messenger", "external_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_code_key" ON "invitations"("code");

-- CreateIndex
CREATE INDEX "invitations_service_id_created_at_idx" ON "invitations"("service_id", "created_at");

-- CreateIndex
CREATE INDEX "invitations_hospital_id_idx" ON "invitations"("hospital_id");

-- CreateIndex
CREATE INDEX "invitations_used_by_staff_id_idx" ON "invitations"("used_by_staff_id");

-- CreateIndex
CREATE INDEX "invitations_created_by_id_idx" ON "invitations"("created_by_id");

-- CreateIndex
CREATE INDEX "dialogue_sessions_staff_id_idx" ON "dialogue_sessions"("staff_id");

-- CreateIndex
CREATE INDEX "dialogue_sessions_status_updated_at_idx" ON "dialogue_sessions"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "dialogue_sessions_messenger_chat_id_key" ON "dialogue_sessions"("messenger", "chat_id");

-- CreateIndex
CREATE INDEX "processed_updates_processed_at_idx" ON "processed_updates"("processed_at");

-- CreateIndex
CREATE INDEX "outbox_messages_status_next_attempt_at_idx" ON "outbox_messages"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_messages_chat_id_id_idx" ON "outbox_messages"("chat_id", "id");

-- CreateIndex
CREATE INDEX "outbox_messages_session_id_idx" ON "outbox_messages"("session_id");

-- CreateIndex
CREATE INDEX "audit_events_subject_type_subject_id_idx" ON "audit_events"("subject_type", "subject_id");

-- CreateIndex
CREATE INDEX "audit_events_service_id_at_idx" ON "audit_events"("service_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_actor_staff_id_idx" ON "audit_events"("actor_staff_id");

-- CreateIndex
CREATE INDEX "signals_service_id_woman_name_key_idx" ON "signals"("service_id", "woman_name_key");

-- CreateIndex
CREATE INDEX "signals_service_id_status_idx" ON "signals"("service_id", "status");

-- CreateIndex
CREATE INDEX "signals_curator_id_status_idx" ON "signals"("curator_id", "status");

-- CreateIndex
CREATE INDEX "signals_reporter_id_idx" ON "signals"("reporter_id");

-- CreateIndex
CREATE INDEX "signals_assigned_by_id_idx" ON "signals"("assigned_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "signals_hospital_id_hospital_year_hospital_number_key" ON "signals"("hospital_id", "hospital_year", "hospital_number");

-- CreateIndex
CREATE UNIQUE INDEX "signals_service_id_service_year_service_number_key" ON "signals"("service_id", "service_year", "service_number");

-- CreateIndex
CREATE INDEX "signal_events_signal_id_id_idx" ON "signal_events"("signal_id", "id");

-- CreateIndex
CREATE INDEX "signal_events_actor_staff_id_idx" ON "signal_events"("actor_staff_id");

-- CreateIndex
CREATE UNIQUE INDEX "cases_signal_id_key" ON "cases"("signal_id");

-- CreateIndex
CREATE INDEX "cases_curator_id_status_idx" ON "cases"("curator_id", "status");

-- CreateIndex
CREATE INDEX "cases_service_id_status_idx" ON "cases"("service_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "cases_service_id_case_year_case_number_key" ON "cases"("service_id", "case_year", "case_number");

-- CreateIndex
CREATE UNIQUE INDEX "cases_service_id_number_key" ON "cases"("service_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_staff_id_idx" ON "api_tokens"("staff_id");

-- AddForeignKey
ALTER TABLE "hospitals" ADD CONSTRAINT "hospitals_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff" ADD CONSTRAINT "staff_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff" ADD CONSTRAINT "staff_hospital_id_fkey" FOREIGN KEY ("hospital_id") REFERENCES "hospitals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messenger_identities" ADD CONSTRAINT "messenger_identities_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_hospital_id_fkey" FOREIGN KEY ("hospital_id") REFERENCES "hospitals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_used_by_staff_id_fkey" FOREIGN KEY ("used_by_staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialogue_sessions" ADD CONSTRAINT "dialogue_sessions_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "dialogue_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_staff_id_fkey" FOREIGN KEY ("actor_staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_hospital_id_fkey" FOREIGN KEY ("hospital_id") REFERENCES "hospitals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_curator_id_fkey" FOREIGN KEY ("curator_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_assigned_by_id_fkey" FOREIGN KEY ("assigned_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signal_events" ADD CONSTRAINT "signal_events_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signal_events" ADD CONSTRAINT "signal_events_actor_staff_id_fkey" FOREIGN KEY ("actor_staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_curator_id_fkey" FOREIGN KEY ("curator_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
