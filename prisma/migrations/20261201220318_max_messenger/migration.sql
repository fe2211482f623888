-- DropIndex
DROP INDEX "messenger_identities_staff_id_idx";

-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "staff_id" UUID;

-- CreateTable
CREATE TABLE "messenger_message_refs" (
    "id" SERIAL NOT NULL,
    "messenger" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messenger_message_refs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messenger_bots" (
    "messenger" TEXT NOT NULL,
    "bot_id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "messenger_bots_pkey" PRIMARY KEY ("messenger")
);

-- CreateIndex
CREATE INDEX "messenger_message_refs_created_at_idx" ON "messenger_message_refs"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "messenger_message_refs_messenger_external_id_key" ON "messenger_message_refs"("messenger", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "messenger_identities_staff_id_messenger_key" ON "messenger_identities"("staff_id", "messenger");

-- CreateIndex
CREATE INDEX "invitations_staff_id_idx" ON "invitations"("staff_id");

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
