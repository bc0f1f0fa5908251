# Multi-stage build of the fastproc CLI, which serves the web UI and API.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/FastProcedures.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY workflows /app/workflows
ENV FASTPROC_WORKFLOWS=/app/workflows
EXPOSE 5080
ENTRYPOINT ["dotnet", "FastProcedures.Cli.dll"]
CMD ["serve", "--demo", "--urls", "http://0.0.0.0:5080"]
