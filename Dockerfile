# One image per service: docker build --build-arg PROJECT=services/Articles/Articles.csproj .
#
# Base images by exact version (the SDK and ASP.NET Core runtime the platform is built and tested with). Pin them by
# digest too where images are built: `docker buildx imagetools inspect mcr.microsoft.com/dotnet/aspnet:10.0.12`
# prints the digest; write it as `FROM mcr.microsoft.com/dotnet/aspnet:10.0.12@sha256:<digest>` (see
# docs/decisions/0012-keys-and-least-privilege.md). No digest is written here because none could be looked up
# where this file was written, and a made-up one would only break the build.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
# Not root: the image's unprivileged user (APP_UID, defined by the .NET images); port 8080 needs no privilege.
USER $APP_UID
ENTRYPOINT ["sh", "-c", "exec dotnet $(ls NewsPlatform.*.dll | grep -v -e Platform -e Contracts | head -n 1)"]
