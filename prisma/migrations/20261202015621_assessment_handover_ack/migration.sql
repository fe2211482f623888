-- AlterTable
ALTER TABLE "assessments" ADD COLUMN     "acknowledged_by_name" TEXT;
