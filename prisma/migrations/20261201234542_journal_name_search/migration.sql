-- CreateIndex
CREATE INDEX "signals_woman_name_key_prefix_idx" ON "signals" USING SPGIST ("woman_name_key" text_ops);
