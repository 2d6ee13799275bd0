package io.specweave.deploy.app;

/**
 * What {@code deploy <increment> --environment E [--slot S | --canary N]} asks for. Null fields
 * fall back to the CI context and the profile.
 *
 * @param increment     {@code 0018}, {@code 0018-name} or {@code active}
 * @param profile       profile name, or null to resolve by environment
 * @param environment   the environment, or {@code prod-green} for environment prod, slot green
 * @param slot          the blue-green slot, or null
 * @param canaryWeight  the canary's share of traffic in percent (1-100), or null
 * @param commit        overrides the detected commit
 * @param branch        overrides the detected branch
 * @param tag           overrides the detected tag
 * @param deployedBy    overrides the detected actor
 * @param runUrl        overrides the detected run link
 * @param deploymentUrl the slot's URL when the profile configures none
 */
public record DeployRequest(
        String increment,
        String profile,
        String environment,
        String slot,
        Integer canaryWeight,
        String commit,
        String branch,
        String tag,
        String deployedBy,
        String runUrl,
        String deploymentUrl) {
}
