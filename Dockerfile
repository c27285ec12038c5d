# The console as a container: the production build, started as `npm start` starts it (server.mjs,
# spec 13: it sets X-Forwarded-For from the connection; set TRUSTED_PROXY_HOPS=1 behind one proxy).
# Needs at run time DATABASE_URL, AUTH_SECRET and BASE_URL (see README, Environment).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --ignore-scripts
COPY . .
# postgres.js's crash on a connection closed under load (scripts/patch-postgres.mjs; the install above skips scripts).
RUN node scripts/patch-postgres.mjs && SKIP_ENV_VALIDATION=1 npx next build && npm run build:client && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
EXPOSE 3000
USER node
# Liveness for the orchestrator; a load balancer asks /api/health/ready (the database only, spec 17).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.mjs"]
