# Signal Desk: runs the service against an external PostgreSQL (DATABASE_URL).
# Build: docker build -t signal-desk .
# Run:   docker run -e DATABASE_URL=postgresql://... -e BOT_TOKEN=... -p 8080:8080 signal-desk

# Node 26: the Active LTS line since October 2026 (Node's release schedule); the dependencies
# need Node 22.12 or newer.
FROM node:26-bookworm-slim AS build
WORKDIR /app
# Install first (cached while only sources change). postinstall generates the Prisma client,
# which needs the schema and the generator script.
COPY package.json package-lock.json prisma.config.ts tsconfig.json ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY src/platform/db/paths.ts ./src/platform/db/paths.ts
# Workspace packages (local test servers and the demo page): npm ci links them; production
# start-up imports them only when no bot token is configured.
COPY packages ./packages
RUN npm ci
COPY . .
# The runtime needs tsx (it runs the TypeScript sources) but no test or lint tooling.
RUN npm prune --omit=dev

FROM node:26-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DEMO_SEED=false
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/app/main.ts"]
