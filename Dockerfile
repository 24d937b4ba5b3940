# Build with the SDK, run on the ASP.NET runtime (the daemon serves HTTP) as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Reconciler.sln ./
COPY src/ src/
RUN dotnet publish src/Reconciler/Reconciler.csproj -c Release -o /app -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends git openssh-client ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 reconciler
COPY --from=build /app /opt/reconciler
RUN ln -s /opt/reconciler/reconciler /usr/local/bin/reconciler
USER reconciler
WORKDIR /home/reconciler
ENTRYPOINT ["reconciler"]
