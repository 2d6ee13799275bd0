# The image of the GitHub Action and the CLI: builds the jar, links a Java runtime holding only the
# modules the jar needs, and copies that runtime, git and the libraries they load onto an empty
# base. With no arguments on a runner it is the Action; with arguments it is the CLI
# (docker run IMAGE status). Base images are build arguments so a company can build from its own
# registry mirror; RUNTIME_IMAGE is the Debian-like system git and the libraries are taken from:
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
COPY cli/pom.xml cli/
COPY action/pom.xml action/
# Dependencies and plugins first, in a layer of their own, reused until a pom changes: the same
# package build on the poms alone resolves exactly what the real one needs (go-offline resolves
# more, e.g. optional dependencies that live outside Maven Central).
RUN mvn -B -q -f image-reactor.xml -Dmaven.test.skip=true package \
 && rm -rf core/target cli/target action/target
# Not offline (-o) below: should a goal resolve something lazily once sources are present, a
# build that downloads it beats one that fails.
COPY core/src/main core/src/main
COPY cli/src/main cli/src/main
COPY action/src/main action/src/main
RUN mvn -B -q -f image-reactor.xml -Dmaven.test.skip=true package \
 && cp action/target/specweave-deploy-action.jar /specweave-deploy.jar
# The runtime: the modules jdeps finds in the jar, plus those loaded only as services or by
# reflection (TLS with EC certificates, other charsets, java.util.logging of client libraries,
# the HTTP client of the Jira and Azure DevOps trackers), less java.desktop: only Jackson's
# optional java.beans annotations and a circuit breaker of commons-lang3 that nothing calls name
# it, and with its AWT libraries it would be a fifth of the runtime.
ARG EXTRA_MODULES=jdk.crypto.ec,jdk.charsets,java.logging,java.net.http
ARG EXCLUDED_MODULES=java.desktop
RUN modules="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 /specweave-deploy.jar)" \
 && modules="$(echo "$modules,$EXTRA_MODULES" | tr ',' '\n' | grep -vxF -e "$(echo "$EXCLUDED_MODULES" | tr ',' '\n')" \
      | sort -u | paste -sd, -)" \
 && echo "runtime modules: $modules" \
 && jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
      --output /opt/specweave-deploy/java
COPY examples/demo /cds-training

# The file system of the image, assembled on the runtime's OS: java, git and what they load.
FROM ${RUNTIME_IMAGE} AS os
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends git ca-certificates >/dev/null
COPY --from=build /opt/specweave-deploy/java /opt/specweave-deploy/java
COPY action/src/container/rootfs.sh /usr/local/bin/
RUN rootfs.sh /rootfs /opt/specweave-deploy/java

FROM scratch
COPY --from=os /rootfs /
ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8
COPY --from=build /specweave-deploy.jar /opt/specweave-deploy/specweave-deploy.jar
# Class-data sharing: one archive of the JDK's and the application's classes that two training
# runs load: the Action's (a sync on the demo project, writing outputs and a summary as on a
# runner) and the CLI's (status, which writes nothing). It halves the start of the Java process and
# costs about 23 MB. The two lists are joined with each @lambda line once: JDK 17 crashes dumping a
# list that names a lambda twice (a class named twice is only skipped). The image has no awk, so
# the shell does it. The training files stay out of the image: a read-write bind mount keeps none
# of its writes.
RUN --mount=type=bind,from=build,source=/cds-training,target=/cds-training,rw \
    cd /cds-training \
 && env GITHUB_ACTIONS=true GITHUB_WORKSPACE=/cds-training GITHUB_OUTPUT=/cds-training/output \
      GITHUB_STEP_SUMMARY=/cds-training/summary INPUT_INCREMENT=0002 INPUT_ENVIRONMENT=qa "INPUT_HEALTH-CHECK=false" \
      /opt/specweave-deploy/java/bin/java -Xshare:off -XX:DumpLoadedClassList=/cds-training/action.classes \
      -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -cp /opt/specweave-deploy/specweave-deploy.jar io.specweave.deploy.image.ImageMain >/dev/null \
 && /opt/specweave-deploy/java/bin/java -Xshare:off -XX:DumpLoadedClassList=/cds-training/cli.classes \
      -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -cp /opt/specweave-deploy/specweave-deploy.jar io.specweave.deploy.image.ImageMain status 0002 >/dev/null \
 && sep="$(printf '\001')" && seen="$sep" \
 && for list in /cds-training/action.classes /cds-training/cli.classes; do \
      while IFS= read -r line; do \
        case "$line" in @*) case "$seen" in *"$sep$line$sep"*) continue ;; esac; seen="$seen$line$sep" ;; esac; \
        printf '%s\n' "$line"; \
      done < "$list"; \
    done > /cds-training/all.classes \
 && /opt/specweave-deploy/java/bin/java -Xshare:dump -XX:SharedClassListFile=/cds-training/all.classes \
      -XX:SharedArchiveFile=/opt/specweave-deploy/specweave-deploy.jsa -Xlog:cds=off \
      -cp /opt/specweave-deploy/specweave-deploy.jar >/dev/null \
 && test -s /opt/specweave-deploy/specweave-deploy.jsa \
 && git --version >/dev/null
# No USER: the runner starts Docker actions as root and mounts its workspace; the entry point hands
# what it writes back to the workspace's owner. No WORKDIR: the runner passes --workdir.
ENTRYPOINT ["/opt/specweave-deploy/java/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", \
    "-Xshare:auto", "-XX:SharedArchiveFile=/opt/specweave-deploy/specweave-deploy.jsa", "-Xlog:cds=off", \
    "-cp", "/opt/specweave-deploy/specweave-deploy.jar", "io.specweave.deploy.image.ImageMain"]
