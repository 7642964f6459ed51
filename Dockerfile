# One image recipe for the four services: docker build --build-arg SERVICE=scim-sink .
# Stage 1 builds the service's exec jar with Maven; stage 2 runs it on a JRE as a non-root user.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl ${SERVICE} -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN useradd --system --uid 10001 pipeline
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar /app/service.jar
USER pipeline
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC"
# two malloc arenas instead of up to 8 per core: the services' many threads otherwise hold tens of MB of native memory
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
