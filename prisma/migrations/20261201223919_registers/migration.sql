-- CreateEnum
CREATE TYPE "document_export_status" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateTable
CREATE TABLE "document_exports" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "status" "document_export_status" NOT NULL DEFAULT 'queued',
    "active_key" TEXT,
    "messenger" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "progress_outbox_id" BIGINT,
    "rows" INTEGER,
    "file_id" UUID,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "document_exports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "abandonment_totals" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "hospital_id" UUID NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "count" INTEGER NOT NULL,
    "entered_by_id" UUID,
    "channel" TEXT NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "abandonment_totals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "document_exports_active_key_key" ON "document_exports"("active_key");

-- CreateIndex
CREATE INDEX "document_exports_service_id_created_at_idx" ON "document_exports"("service_id", "created_at");

-- CreateIndex
CREATE INDEX "document_exports_requested_by_id_idx" ON "document_exports"("requested_by_id");

-- CreateIndex
CREATE INDEX "abandonment_totals_service_id_period_from_idx" ON "abandonment_totals"("service_id", "period_from");

-- CreateIndex
CREATE INDEX "abandonment_totals_entered_by_id_idx" ON "abandonment_totals"("entered_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "abandonment_totals_hospital_id_period_from_period_to_key" ON "abandonment_totals"("hospital_id", "period_from", "period_to");

-- CreateIndex
CREATE INDEX "signals_service_id_transmitted_at_service_year_service_numb_idx" ON "signals"("service_id", "transmitted_at", "service_year", "service_number");

-- CreateIndex
CREATE INDEX "signals_hospital_id_transmitted_at_service_year_service_num_idx" ON "signals"("hospital_id", "transmitted_at", "service_year", "service_number");

-- CreateIndex
CREATE INDEX "signals_curator_id_transmitted_at_service_year_service_numb_idx" ON "signals"("curator_id", "transmitted_at", "service_year", "service_number");

-- CreateIndex
CREATE INDEX "signals_service_id_identified_at_hospital_year_hospital_num_idx" ON "signals"("service_id", "identified_at", "hospital_year", "hospital_number", "hospital_id");

-- CreateIndex
CREATE INDEX "signals_hospital_id_identified_at_hospital_year_hospital_nu_idx" ON "signals"("hospital_id", "identified_at", "hospital_year", "hospital_number");

-- CreateIndex
CREATE INDEX "signals_service_id_hospital_year_hospital_number_hospital_i_idx" ON "signals"("service_id", "hospital_year", "hospital_number", "hospital_id");

-- AddForeignKey
ALTER TABLE "document_exports" ADD CONSTRAINT "document_exports_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_exports" ADD CONSTRAINT "document_exports_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "abandonment_totals" ADD CONSTRAINT "abandonment_totals_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "abandonment_totals" ADD CONSTRAINT "abandonment_totals_hospital_id_fkey" FOREIGN KEY ("hospital_id") REFERENCES "hospitals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "abandonment_totals" ADD CONSTRAINT "abandonment_totals_entered_by_id_fkey" FOREIGN KEY ("entered_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
