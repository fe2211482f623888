-- AlterTable
ALTER TABLE "signals" ADD COLUMN     "planned_visit_at" TIMESTAMPTZ(3);
