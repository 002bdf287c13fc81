# Hearth's headless shell as a container image (docs/DEPLOY.md). Two stages: the build stage installs every
# dependency and builds the UI and the server bundle; the runtime stage holds only production dependencies and the
# build, runs as an unprivileged user, and writes nothing outside /data (HEARTH_HOME) and /tmp, so it runs with a
# read-only root filesystem (`docker run --read-only --tmpfs /tmp -v hearth:/data …`, or Kubernetes'
# readOnlyRootFilesystem). No Docker engine runs on the development machines: tests/unit/deploy checks this file's
# structure and tests/integration/server/containerEntry.test.ts runs its entry command; the GitHub workflow builds it.

# Node 24, the Node Electron 45 bundles, on Debian 12 (glibc 2.36: the Chroma bindings pinned in package.json load).
ARG NODE_IMAGE=node:24.9.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# node-llama-cpp's postinstall only probes its prebuilt binaries; the image uses the prebuilt CPU build.
ENV NODE_LLAMA_CPP_SKIP_DOWNLOAD=true CI=true
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node scripts/build.mjs renderer \
 && node scripts/build.mjs server \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# HOME and the data folder are the one writable volume; /tmp is a tmpfs or an emptyDir.
ENV NODE_ENV=production \
    NODE_LLAMA_CPP_SKIP_DOWNLOAD=true \
    HEARTH_HOME=/data \
    HOME=/data
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist/server ./dist/server
COPY --from=build /src/dist/renderer ./dist/renderer
# Owned by root and not writable by the user that runs Hearth: only /data is.
RUN mkdir -p /data && chown 10001:10001 /data && chmod 0700 /data
USER 10001:10001
VOLUME ["/data"]
# HTTPS (UI, WebSocket, /v1, /mcp, /healthz, /readyz) and gRPC.
EXPOSE 8443 50051
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "dist/server/healthcheck.mjs"]
# SIGTERM: /readyz fails at once, requests under way get the shutdown delay, then running ingestion is cancelled
# with its jobs left resumable and every child process stops (electron/server/main.ts).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/server/main.mjs"]
# Beyond loopback Hearth speaks TLS: a self-signed certificate kept in /data unless HEARTH_TLS_CERT_FILE and
# HEARTH_TLS_KEY_FILE name a mounted one. Browsers upload files (no local paths on a server).
CMD ["--host", "0.0.0.0", "--port", "8443", "--tls-self-signed", "--no-local-paths", "--grpc-port", "50051", "--shutdown-delay-seconds", "5", "--json"]
