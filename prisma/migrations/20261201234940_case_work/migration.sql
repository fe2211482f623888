-- CreateEnum
CREATE TYPE "case_plan_kind" AS ENUM ('decision_change', 'rehabilitation');

-- CreateEnum
CREATE TYPE "case_action_responsible" AS ENUM ('curator', 'psychologist', 'woman', 'relatives', 'organisation');

-- CreateEnum
CREATE TYPE "case_action_status" AS ENUM ('planned', 'in_progress', 'done', 'not_done', 'dropped');

-- CreateEnum
CREATE TYPE "case_stage" AS ENUM ('decision_change', 'accompaniment');

-- CreateEnum
CREATE TYPE "case_monitoring_decision" AS ENUM ('continue', 'close_not_changed', 'close_changed_resolved', 'to_accompaniment', 'close_plan_done', 'close_plan_not_kept', 'close_against_child_interests');

-- CreateEnum
CREATE TYPE "case_handover_recipient" AS ENUM ('guardianship', 'social_protection', 'coordination_service', 'other');

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "limit_at" TIMESTAMPTZ(3),
ADD COLUMN     "next_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "overdue_since" TIMESTAMPTZ(3),
ADD COLUMN     "plan_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "psychologist_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- Cases opened before this migration: the sweep looks at each of them at once (their plan and
-- one-month deadlines follow from the opening time while plan_due_at and limit_at are null).
UPDATE "cases" SET "next_due_at" = "opened_at";

-- CreateTable
CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actor_staff_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_sheets" (
    "case_id" UUID NOT NULL,
    "answers" JSONB NOT NULL,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "filled_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" UUID,

    CONSTRAINT "case_sheets_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "case_plans" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" "case_plan_kind" NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID,
    "monitoring_id" UUID,

    CONSTRAINT "case_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_plan_actions" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "action_key" UUID NOT NULL,
    "what" TEXT NOT NULL,
    "responsible" "case_action_responsible" NOT NULL,
    "organisation" TEXT,
    "due_date" DATE NOT NULL,
    "status" "case_action_status" NOT NULL DEFAULT 'planned',
    "status_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_plan_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_monitorings" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "stage" "case_stage" NOT NULL,
    "number" INTEGER NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_by_id" UUID,
    "progress" JSONB NOT NULL,
    "plan_corrected" BOOLEAN NOT NULL,
    "decision" "case_monitoring_decision" NOT NULL,
    "note" TEXT,

    CONSTRAINT "case_monitorings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_reminders" (
    "case_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "told" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "case_reminders_pkey" PRIMARY KEY ("case_id","key")
);

-- CreateTable
CREATE TABLE "case_handovers" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "recipient_kind" "case_handover_recipient" NOT NULL,
    "recipient_name" TEXT NOT NULL,
    "handed_on" DATE NOT NULL,
    "order_number" TEXT NOT NULL,
    "file_id" UUID,
    "ack_due_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID,

    CONSTRAINT "case_handovers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_events_case_id_id_idx" ON "case_events"("case_id", "id");

-- CreateIndex
CREATE INDEX "case_events_type_at_idx" ON "case_events"("type", "at");

-- CreateIndex
CREATE INDEX "case_events_actor_staff_id_idx" ON "case_events"("actor_staff_id");

-- CreateIndex
CREATE INDEX "case_sheets_updated_by_id_idx" ON "case_sheets"("updated_by_id");

-- CreateIndex
CREATE INDEX "case_plans_created_by_id_idx" ON "case_plans"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_plans_case_id_kind_version_key" ON "case_plans"("case_id", "kind", "version");

-- CreateIndex
CREATE INDEX "case_plan_actions_action_key_idx" ON "case_plan_actions"("action_key");

-- CreateIndex
CREATE UNIQUE INDEX "case_plan_actions_plan_id_position_key" ON "case_plan_actions"("plan_id", "position");

-- CreateIndex
CREATE INDEX "case_monitorings_recorded_by_id_idx" ON "case_monitorings"("recorded_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_monitorings_case_id_stage_number_key" ON "case_monitorings"("case_id", "stage", "number");

-- CreateIndex
CREATE INDEX "case_handovers_case_id_idx" ON "case_handovers"("case_id");

-- CreateIndex
CREATE INDEX "case_handovers_file_id_idx" ON "case_handovers"("file_id");

-- CreateIndex
CREATE INDEX "case_handovers_acknowledged_by_id_idx" ON "case_handovers"("acknowledged_by_id");

-- CreateIndex
CREATE INDEX "case_handovers_created_by_id_idx" ON "case_handovers"("created_by_id");

-- CreateIndex
CREATE INDEX "cases_psychologist_id_idx" ON "cases"("psychologist_id");

-- CreateIndex
CREATE INDEX "cases_next_due_at_idx" ON "cases"("next_due_at");

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_psychologist_id_fkey" FOREIGN KEY ("psychologist_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_staff_id_fkey" FOREIGN KEY ("actor_staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_sheets" ADD CONSTRAINT "case_sheets_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_sheets" ADD CONSTRAINT "case_sheets_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_plans" ADD CONSTRAINT "case_plans_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_plans" ADD CONSTRAINT "case_plans_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_plan_actions" ADD CONSTRAINT "case_plan_actions_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "case_plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_monitorings" ADD CONSTRAINT "case_monitorings_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_monitorings" ADD CONSTRAINT "case_monitorings_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_reminders" ADD CONSTRAINT "case_reminders_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_handovers" ADD CONSTRAINT "case_handovers_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_handovers" ADD CONSTRAINT "case_handovers_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "stored_files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_handovers" ADD CONSTRAINT "case_handovers_acknowledged_by_id_fkey" FOREIGN KEY ("acknowledged_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_handovers" ADD CONSTRAINT "case_handovers_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every case's history starts with its opening (cases opened before this migration included).
INSERT INTO "case_events" ("case_id", "type", "actor_staff_id", "at", "data")
SELECT c."id", 'opened', c."curator_id", c."opened_at", jsonb_build_object('signalId', c."signal_id")
  FROM "cases" c ORDER BY c."opened_at", c."id";
