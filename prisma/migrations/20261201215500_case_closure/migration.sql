-- CreateEnum
CREATE TYPE "case_close_reason" AS ENUM ('not_changed', 'changed_resolved', 'plan_done', 'plan_not_kept', 'against_child_interests');

-- AlterTable (close_reason was free text and never written: convert in place rather than drop)
ALTER TABLE "cases" ADD COLUMN     "accompaniment_at" TIMESTAMPTZ(3),
ADD COLUMN     "handed_over_at" TIMESTAMPTZ(3),
ALTER COLUMN "close_reason" TYPE "case_close_reason" USING "close_reason"::"case_close_reason";
