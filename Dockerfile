# The GitHub Action's image: builds the specweave-deploy jar, then runs its Action entry point on a
# JRE. Base images are build arguments so a company can build from its own registry mirror:
#   docker build --build-arg BUILD_IMAGE=mirror.example/maven:3.9-eclipse-temurin-17 \
#                --build-arg RUNTIME_IMAGE=mirror.example/eclipse-temurin:17-jre .
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Only the modules the image needs, as a reactor of their own: the repository's root pom may list
# more (the Jenkins plugin), and those must not be needed here.
COPY pom.xml action/src/container/image-reactor.xml ./
COPY core/pom.xml core/
COPY action/pom.xml action/
# Dependencies and plugins first, in a layer of their own: it is reused until a pom changes.
RUN mvn -B -q -f image-reactor.xml -DskipTests -Dmaven.test.skip=true \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline -DexcludeGroupIds=io.specweave
# Not offline (-o) below: go-offline can miss an artifact a goal resolves lazily, and a build
# that then downloads it beats one that fails.
COPY core/src/main core/src/main
COPY action/src/main action/src/main
RUN mvn -B -q -f image-reactor.xml -Dmaven.test.skip=true package \
 && cp action/target/specweave-deploy.jar /specweave-deploy.jar
COPY examples/demo /cds-training

FROM ${RUNTIME_IMAGE}
# git for commit-metadata (commit and push the record back to the branch).
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends git >/dev/null \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /var/cache/apt/*.bin
COPY --from=build /specweave-deploy.jar /opt/specweave-deploy/specweave-deploy.jar
# Class-data sharing: a training run of the entry point (a sync on the demo project, writing
# outputs and a summary as on a runner) archives the classes it loads, which shortens every later
# start. The training files stay out of the image (bind mount, deleted temp copy).
RUN --mount=type=bind,from=build,source=/cds-training,target=/cds-training \
    cp -R /cds-training /tmp/cds-training \
 && env GITHUB_ACTIONS=true GITHUB_WORKSPACE=/tmp/cds-training GITHUB_OUTPUT=/tmp/cds-training/output \
      GITHUB_STEP_SUMMARY=/tmp/cds-training/summary INPUT_INCREMENT=0002 INPUT_ENVIRONMENT=qa \
      java -XX:ArchiveClassesAtExit=/opt/specweave-deploy/specweave-deploy.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
      -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -cp /opt/specweave-deploy/specweave-deploy.jar io.specweave.deploy.action.GitHubActionMain >/dev/null \
 && rm -rf /tmp/cds-training \
 && test -s /opt/specweave-deploy/specweave-deploy.jsa
# No USER: the runner starts Docker actions as root and mounts its workspace; the entry point hands
# what it writes back to the workspace's owner. No WORKDIR: the runner passes --workdir.
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", \
    "-XX:SharedArchiveFile=/opt/specweave-deploy/specweave-deploy.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", \
    "-cp", "/opt/specweave-deploy/specweave-deploy.jar", "io.specweave.deploy.action.GitHubActionMain"]
