# The GitHub Action's image: builds the specweave-deploy jar, links a Java runtime holding only the
# modules the jar needs, and runs the Action entry point on a slim OS with git. Base images are
# build arguments so a company can build from its own registry mirror:
#   docker build --build-arg BUILD_IMAGE=mirror.example/maven:3.9-eclipse-temurin-17 \
#                --build-arg RUNTIME_IMAGE=mirror.example/debian:bookworm-slim .
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Only the modules the image needs, as a reactor of their own: the repository's root pom may list
# more (the Jenkins plugin), and those must not be needed here.
COPY pom.xml action/src/container/image-reactor.xml ./
COPY core/pom.xml core/
COPY action/pom.xml action/
# Dependencies and plugins first, in a layer of their own, reused until a pom changes: the same
# package build on the poms alone resolves exactly what the real one needs (go-offline resolves
# more, e.g. optional dependencies that live outside Maven Central).
RUN mvn -B -q -f image-reactor.xml -Dmaven.test.skip=true package \
 && rm -rf core/target action/target
# Not offline (-o) below: should a goal resolve something lazily once sources are present, a
# build that downloads it beats one that fails.
COPY core/src/main core/src/main
COPY action/src/main action/src/main
RUN mvn -B -q -f image-reactor.xml -Dmaven.test.skip=true package \
 && cp action/target/specweave-deploy-action.jar /specweave-deploy.jar
# The runtime: the modules jdeps finds in the jar, plus those loaded only as services or by
# reflection (TLS with EC certificates, other charsets, java.util.logging of client libraries,
# the HTTP client of the Jira and Azure DevOps trackers).
ARG EXTRA_MODULES=jdk.crypto.ec,jdk.charsets,java.logging,java.net.http
RUN modules="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 /specweave-deploy.jar)" \
 && echo "runtime modules: $modules,$EXTRA_MODULES" \
 && jlink --add-modules "$modules,$EXTRA_MODULES" --strip-debug --no-man-pages --no-header-files \
      --compress=2 --output /runtime
COPY examples/demo /cds-training

FROM ${RUNTIME_IMAGE}
# git for commit-metadata (commit and push the record back to the branch); CA certificates for its
# HTTPS remotes.
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends git ca-certificates >/dev/null \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /var/cache/apt/*.bin
COPY --from=build /runtime /opt/specweave-deploy/java
COPY --from=build /specweave-deploy.jar /opt/specweave-deploy/specweave-deploy.jar
# Class-data sharing: the linked runtime's own archive (jlink of JDK 17 makes none), then a
# training run of the entry point (a sync on the demo project, writing outputs and a summary as on
# a runner) that archives the application's classes, which shortens every later start. The
# training files stay out of the image (bind mount, deleted temp copy).
RUN --mount=type=bind,from=build,source=/cds-training,target=/cds-training \
    /opt/specweave-deploy/java/bin/java -Xshare:dump -Xlog:cds=off >/dev/null \
 && cp -R /cds-training /tmp/cds-training \
 && env GITHUB_ACTIONS=true GITHUB_WORKSPACE=/tmp/cds-training GITHUB_OUTPUT=/tmp/cds-training/output \
      GITHUB_STEP_SUMMARY=/tmp/cds-training/summary INPUT_INCREMENT=0002 INPUT_ENVIRONMENT=qa "INPUT_HEALTH-CHECK=false" \
      /opt/specweave-deploy/java/bin/java -XX:ArchiveClassesAtExit=/opt/specweave-deploy/specweave-deploy.jsa \
      -Xlog:cds=off -Xlog:cds+dynamic=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -cp /opt/specweave-deploy/specweave-deploy.jar io.specweave.deploy.action.GitHubActionMain >/dev/null \
 && rm -rf /tmp/cds-training \
 && test -s /opt/specweave-deploy/specweave-deploy.jsa
# No USER: the runner starts Docker actions as root and mounts its workspace; the entry point hands
# what it writes back to the workspace's owner. No WORKDIR: the runner passes --workdir.
ENTRYPOINT ["/opt/specweave-deploy/java/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", \
    "-XX:SharedArchiveFile=/opt/specweave-deploy/specweave-deploy.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", \
    "-cp", "/opt/specweave-deploy/specweave-deploy.jar", "io.specweave.deploy.action.GitHubActionMain"]
