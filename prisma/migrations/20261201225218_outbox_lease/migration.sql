-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "leased_until" TIMESTAMPTZ(3);
