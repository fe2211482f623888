-- CreateEnum
CREATE TYPE "assessment_status" AS ENUM ('in_progress', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "assessment_stage" AS ENUM ('planning', 'contact', 'safety', 'safety_plan', 'risk', 'overall', 'conclusion', 'handover', 'done');

-- CreateEnum
CREATE TYPE "risk_level" AS ENUM ('high', 'moderate', 'low');

-- CreateTable
CREATE TABLE "assessments" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "origin" TEXT NOT NULL,
    "case_id" UUID,
    "signal_id" UUID,
    "specialist_id" UUID NOT NULL,
    "status" "assessment_status" NOT NULL DEFAULT 'in_progress',
    "stage" "assessment_stage" NOT NULL DEFAULT 'planning',
    "checklist_version" INTEGER NOT NULL,
    "urgency" TEXT,
    "child_full_name" TEXT,
    "child_birth_date" DATE,
    "parents_text" TEXT,
    "parents_from_signal" BOOLEAN NOT NULL DEFAULT false,
    "home_address" TEXT,
    "address_from_signal" BOOLEAN NOT NULL DEFAULT false,
    "facts_text" TEXT,
    "safety" JSONB,
    "family_history" TEXT,
    "plan_required" BOOLEAN,
    "plan_kind" TEXT,
    "placement_text" TEXT,
    "ratings" JSONB,
    "overall_level" "risk_level",
    "overall_reasoning" TEXT,
    "conclusion" INTEGER,
    "recommended_services" TEXT,
    "case_opened" BOOLEAN NOT NULL DEFAULT false,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "planned_at" TIMESTAMPTZ(3),
    "contact_deadline" TIMESTAMPTZ(3),
    "contact_at" TIMESTAMPTZ(3),
    "safety_at" TIMESTAMPTZ(3),
    "plan_at" TIMESTAMPTZ(3),
    "rated_at" TIMESTAMPTZ(3),
    "overall_at" TIMESTAMPTZ(3),
    "concluded_at" TIMESTAMPTZ(3),
    "handed_over_at" TIMESTAMPTZ(3),
    "handover_recipient" TEXT,
    "handover_channel" TEXT,
    "handover_file_id" UUID,
    "acknowledged_at" TIMESTAMPTZ(3),
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by_id" UUID,
    "review_comment" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancel_reason" TEXT,
    "due_step" TEXT,
    "due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety_plan_actions" (
    "id" UUID NOT NULL,
    "assessment_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "action_text" TEXT NOT NULL,
    "due_date" DATE NOT NULL,
    "responsible" TEXT NOT NULL,
    "monitoring" TEXT NOT NULL,
    "done_at" TIMESTAMPTZ(3),
    "removed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "safety_plan_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_events" (
    "id" BIGSERIAL NOT NULL,
    "assessment_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actor_staff_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "assessment_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "assessments_case_id_status_idx" ON "assessments"("case_id", "status");

-- CreateIndex
CREATE INDEX "assessments_signal_id_status_idx" ON "assessments"("signal_id", "status");

-- CreateIndex
CREATE INDEX "assessments_specialist_id_status_idx" ON "assessments"("specialist_id", "status");

-- CreateIndex
CREATE INDEX "assessments_reviewed_by_id_idx" ON "assessments"("reviewed_by_id");

-- CreateIndex
CREATE INDEX "assessments_service_id_status_reviewed_at_idx" ON "assessments"("service_id", "status", "reviewed_at");

-- CreateIndex
CREATE UNIQUE INDEX "assessments_service_id_year_seq_key" ON "assessments"("service_id", "year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "assessments_service_id_number_key" ON "assessments"("service_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "safety_plan_actions_assessment_id_position_key" ON "safety_plan_actions"("assessment_id", "position");

-- CreateIndex
CREATE INDEX "assessment_events_assessment_id_id_idx" ON "assessment_events"("assessment_id", "id");

-- CreateIndex
CREATE INDEX "assessment_events_actor_staff_id_idx" ON "assessment_events"("actor_staff_id");

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_specialist_id_fkey" FOREIGN KEY ("specialist_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "safety_plan_actions" ADD CONSTRAINT "safety_plan_actions_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_events" ADD CONSTRAINT "assessment_events_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_events" ADD CONSTRAINT "assessment_events_actor_staff_id_fkey" FOREIGN KEY ("actor_staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
