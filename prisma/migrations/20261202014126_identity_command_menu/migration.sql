-- AlterTable
ALTER TABLE "messenger_identities" ADD COLUMN     "command_menu" TEXT;
