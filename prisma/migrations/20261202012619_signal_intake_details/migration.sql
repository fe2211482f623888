-- AlterEnum
ALTER TYPE "woman_location" ADD VALUE 'in_hospital_pregnant';

-- AlterTable
ALTER TABLE "signals" ADD COLUMN     "by_ambulance" BOOLEAN,
ADD COLUMN     "details_pending" BOOLEAN NOT NULL DEFAULT false;
UPDATE "signals" SET "by_ambulance" = true WHERE "ambulance_from" IS NOT NULL;
