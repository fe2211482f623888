-- AlterTable
ALTER TABLE "hospitals" ADD COLUMN     "address" TEXT;
