# syntax=docker/dockerfile:1
# Preview Desk's image. Two targets:
#   runner (the default): the dashboard, Next.js's standalone server, as a non-root user,
#     with a health check on /api/health. `docker build -t preview-desk .`
#   tools: the full project, for `npm run sender`, `npm run isales:sim`, `npm run calls:import`
#     and `npm run users`. `docker build --target tools -t preview-desk-tools .`
# See docs/operations.md.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# next build, scripts/build-sw.ts makes public/sw.js (the service worker), then
# scripts/standalone.ts completes .next/standalone (static files, public/,
# config/, drizzle/): exactly what CI starts and tests.
RUN npm run build

FROM build AS tools
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
USER node
CMD ["npm", "run", "sender"]

FROM node:20-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/data \
    NODE_OPTIONS="--max-old-space-size=512 --max-semi-space-size=4"
RUN mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
