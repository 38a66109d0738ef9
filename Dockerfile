# One image per service: docker build --build-arg PROJECT=services/Articles/Articles.csproj .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
ENTRYPOINT ["sh", "-c", "exec dotnet $(ls NewsPlatform.*.dll | grep -v -e Platform -e Contracts | head -n 1)"]
