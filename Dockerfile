# Multi-stage build of the operator image: Maven build stage, then a slim JRE with the Quarkus fast-jar.
#   docker build -t ldai-operator:dev .
# Build stage: the project's own Maven wrapper, so the image builds what CI tests.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Warms a dependency layer that survives source changes; the package step below fails loudly on anything missing.
RUN ./mvnw -B -q dependency:go-offline || true
COPY src/ src/
COPY crds/ crds/
RUN ./mvnw -B -q package -DskipTests

# Runtime stage: JRE only (no JDK, no Maven, no sources), non-root numeric user, read-only friendly.
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="ldai-operator" \
      org.opencontainers.image.description="Kubernetes operator for LaunchDarkly AI Configs" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /deployments
COPY --from=build --chown=185:0 /build/target/quarkus-app/lib/ ./lib/
COPY --from=build --chown=185:0 /build/target/quarkus-app/*.jar ./
COPY --from=build --chown=185:0 /build/target/quarkus-app/app/ ./app/
COPY --from=build --chown=185:0 /build/target/quarkus-app/quarkus/ ./quarkus/
USER 185:0
EXPOSE 8080
# The JVM sizes its heap from the container's memory limit; JAVA_TOOL_OPTIONS adds to or overrides it.
# Serial GC with tight free-heap ratios: the operator's live heap is small, and G1's own structures and
# lazily returned heap would double its resident set (the benchmark measures these very options).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", \
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", \
            "-Djava.io.tmpdir=/tmp", "-jar", "/deployments/quarkus-run.jar"]
