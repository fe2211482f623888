-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "expires_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "retention_policies" (
    "service_id" UUID NOT NULL,
    "not_confirmed_days" INTEGER NOT NULL,
    "closed_case_days" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "retention_policies_pkey" PRIMARY KEY ("service_id")
);

-- CreateTable
CREATE TABLE "anonymisations" (
    "signal_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "anonymisations_pkey" PRIMARY KEY ("signal_id")
);

-- CreateIndex
CREATE INDEX "anonymisations_service_id_at_idx" ON "anonymisations"("service_id", "at");
