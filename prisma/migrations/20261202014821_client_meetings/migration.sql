-- CreateTable
CREATE TABLE "client_meetings" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "place" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "client_meetings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "client_meetings_case_id_at_idx" ON "client_meetings"("case_id", "at");
