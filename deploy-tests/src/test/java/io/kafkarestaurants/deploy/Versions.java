package io.kafkarestaurants.deploy;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions the rest of the repository pins, read where they are pinned, so deploy
 * files can be held to them.
 */
final class Versions {

    private Versions() {
    }

    /** Kafka of the local stack (local/pom.xml kafka.version). */
    static String localKafka() {
        return pomProperty(DeployFiles.ROOT.resolve("local/pom.xml"), "kafka.version");
    }

    /** WireMock of the route tests (parent pom.xml wiremock.version). */
    static String wiremock() {
        return pomProperty(DeployFiles.ROOT.resolve("pom.xml"), "wiremock.version");
    }

    /** MailDev of the local stack (mocks/smtp/package.json). */
    static String maildev() {
        return DeployFiles.yaml(DeployFiles.ROOT.resolve("mocks/smtp/package.json"))
            .path("dependencies")
            .path("maildev")
            .asText();
    }

    /** The chart's appVersion: the tag of the images this repository builds. */
    static String appVersion() {
        return DeployFiles.yaml(DeployFiles.CHART.resolve("Chart.yaml")).path("appVersion").asText();
    }

    /**
     * The first element of that name in a pom: a property, or a build setting such as
     * finalName.
     */
    static String pomProperty(Path pom, String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(DeployFiles.text(pom));
        if (!matcher.find()) {
            throw new IllegalStateException(pom + " has no " + name);
        }
        return matcher.group(1).trim();
    }

}
