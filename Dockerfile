# KtvRecService: build with the .NET 10 SDK, run on the ASP.NET 10 runtime (both Ubuntu 24.04 "noble", whose
# libstdc++ already has GLIBCXX_3.4.32, so the TorchSharp library fix in Directory.Build.targets does nothing here).
#
#   docker build -t ktvrec-service .                                  # CPU (TorchSharp-cpu)
#   docker build -t ktvrec-service:cuda --build-arg TORCH_BACKEND=cuda .
#   docker run -p 8080:8080 -v ktvrec-data:/data ktvrec-service       # add --gpus all for the CUDA image
#
# TORCH_BACKEND=cuda references TorchSharp-cuda-linux, whose libtorch packages carry the CUDA user-space libraries;
# the host needs the NVIDIA driver and the NVIDIA container toolkit. RUNTIME_IMAGE may name another base that has the
# ASP.NET 10 runtime (an NVIDIA CUDA image with it installed, for instance).
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TORCH_BACKEND=cpu
WORKDIR /source
# Restore first, from the project files alone, so the package layer is cached until they change.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/Domain/KtvRec.Domain.csproj src/Domain/
COPY src/Training/KtvRec.Training.csproj src/Training/
COPY src/Api/KtvRec.Api.csproj src/Api/
RUN dotnet restore src/Api/KtvRec.Api.csproj -p:TorchSharpBackend=${TORCH_BACKEND}
COPY src/ src/
RUN dotnet publish src/Api/KtvRec.Api.csproj -c Release -o /app --no-restore -p:TorchSharpBackend=${TORCH_BACKEND}

FROM ${RUNTIME_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 \
    KtvRec__DataDirectory=/data
# Everything the service writes: the SQLite database and its WAL, Hangfire's database, the model files.
VOLUME /data
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["./KtvRec.Api"]
