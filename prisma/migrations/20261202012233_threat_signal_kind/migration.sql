-- CreateEnum
CREATE TYPE "signal_kind" AS ENUM ('newborn', 'child_threat');

-- AlterEnum
ALTER TYPE "signal_category" ADD VALUE 'child_threat';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "woman_location" ADD VALUE 'child_with_family';
ALTER TYPE "woman_location" ADD VALUE 'child_in_hospital';
ALTER TYPE "woman_location" ADD VALUE 'child_elsewhere';

-- AlterTable
ALTER TABLE "signals" ADD COLUMN     "kind" "signal_kind" NOT NULL DEFAULT 'newborn',
ADD COLUMN     "threat" JSONB;
