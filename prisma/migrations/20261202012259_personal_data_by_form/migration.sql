-- AlterTable
ALTER TABLE "services" ADD COLUMN     "personal_data_by_form" BOOLEAN NOT NULL DEFAULT false;
