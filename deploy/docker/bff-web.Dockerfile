# bff-web: built from the repository root (docker build -f deploy/docker/bff-web.Dockerfile .).
# Restores and publishes only this service and the libraries it references; runs as the
# image's non-root user on the service's usual port; probes /health/live.

FROM node:20-bookworm-slim AS spa
WORKDIR /src/clients/react-web
COPY clients/react-web/package.json clients/react-web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY clients/react-web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The image's architecture (BuildKit sets it; amd64 otherwise): ReadyToRun code is per architecture.
ARG TARGETARCH=amd64
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY libs/Contracts/BffPlatform.Contracts.csproj libs/Contracts/
COPY libs/ServiceDefaults/BffPlatform.ServiceDefaults.csproj libs/ServiceDefaults/
COPY libs/BffHosting/BffPlatform.BffHosting.csproj libs/BffHosting/
COPY bff-web/BffPlatform.BffWeb.csproj bff-web/
RUN dotnet restore bff-web/BffPlatform.BffWeb.csproj -a $TARGETARCH -p:PublishReadyToRun=true
COPY libs/Contracts/ libs/Contracts/
COPY libs/ServiceDefaults/ libs/ServiceDefaults/
COPY libs/BffHosting/ libs/BffHosting/
COPY bff-web/ bff-web/
# ReadyToRun: the assemblies ship precompiled, so the service starts without JIT-compiling
# EF Core, OpenTelemetry and the rest first (bench/run.sh --startup, "ReadyToRun (published)").
RUN dotnet publish bff-web/BffPlatform.BffWeb.csproj -c Release --no-restore -a $TARGETARCH --self-contained false -p:PublishReadyToRun=true -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY deploy/docker/healthcheck.sh /usr/local/bin/healthcheck
COPY --from=spa /src/clients/react-web/dist ./spa
# Data folders (SQLite files, key rings) belong to the unprivileged user; scaled out they stay empty.
RUN mkdir -p /app/data && chown $APP_UID /app/data
ENV Urls=http://+:5300 \
    Data__Directory=/app/data \
    Spa__RootPath=/app/spa \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 5300
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["healthcheck", "5300", "/health/live"]
ENTRYPOINT ["dotnet", "BffPlatform.BffWeb.dll"]
