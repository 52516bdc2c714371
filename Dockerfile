# The emulator image, for hosts that can pull from a registry. Without registry access,
# `sslab fleet up --runtime docker` builds an equivalent image from this machine's own node binary
# (emulator/runtime/fleet/image.ts). Either image runs `sslab emulator`; give it the role and ports:
#   docker build -t sslab-emulator .
#   docker run --rm --network host sslab-emulator --port 8080
#   sslab fleet up --runtime docker --image sslab-emulator --shards 4
FROM node:20-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 compiles from source when its prebuilt binary cannot be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin bin
COPY cli cli
COPY emulator emulator
COPY models models
COPY features/fixtures features/fixtures
# Compiled once here, as `fleet up` does, so that a container starts in about a second. The compile
# cache would land in node_modules and be copied into the image, so it is off.
RUN SSLAB_COMPILE_CACHE=off node -r ./bin/register.js -e "require('./emulator/runtime/fleet/build').buildEmulator('/app')" \
 && cp -r node_modules /app/node_modules

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
ENV HOME=/tmp NODE_ENV=production
USER node
ENTRYPOINT ["node", "/app/bin/sslab-emulator.js"]
CMD ["--host", "127.0.0.1", "--port", "8080", "--data-file", ":memory:"]
