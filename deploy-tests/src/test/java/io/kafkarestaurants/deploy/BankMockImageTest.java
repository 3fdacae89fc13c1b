package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.bankmock.IdempotentBank;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * mocks/bank/Dockerfile, read as text (there is no Docker engine here): the WireMock
 * image the tests run, plus the bank mock's extension compiled against it, from a build
 * context of the extension's sources only; and every way the repository starts the bank
 * mock loads that extension (compose and the chart: ComposeFileTest, HelmChartTest).
 */
class BankMockImageTest {

    /** The image compose and the chart run, tagged with the chart's appVersion. */
    static final String IMAGE = "kafka-restaurants/bank-mock";

    /**
     * What {@code --extensions} names: the class itself, so that a rename cannot leave a
     * deploy file behind.
     */
    static final String EXTENSION = IdempotentBank.class.getName();

    final String dockerfile = DeployFiles.text(DeployFiles.BANK_MOCK.resolve("Dockerfile"));

    @Test
    void isTheWireMockImageOfTheTestsWithTheExtensionCompiledAgainstItAdded() {
        String wiremock = "wiremock/wiremock:" + Versions.wiremock();
        String java = Versions.pomProperty(DeployFiles.ROOT.resolve("pom.xml"), "java.version");
        List<String> stages = dockerfile.lines()
            .filter(l -> l.startsWith("FROM "))
            .map(l -> ContainerImagesTest.unpinned(l.split("\\s+")[1]))
            .toList();

        assertThat(stages).containsExactly(wiremock, "eclipse-temurin:" + java + "-jdk", wiremock);
        assertThat(dockerfile).contains("javac --release " + java + " -cp lib/wiremock-standalone.jar")
            .contains("COPY --from=build /build/bank-mock.jar /var/wiremock/extensions/");
    }

    @Test
    void itsBuildContextHoldsTheExtensionsSourcesOnly() {
        List<String> ignore = DeployFiles.text(DeployFiles.BANK_MOCK.resolve(".dockerignore"))
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .toList();
        List<String> copied = dockerfile.lines()
            .filter(l -> l.startsWith("COPY ") && !l.startsWith("COPY --from"))
            .map(l -> l.split("\\s+")[1])
            .toList();

        assertThat(ignore).containsExactly("*", "!src/main/java/");
        assertThat(copied).containsExactly("src/main/java/");
        assertThat(DeployFiles.BANK_MOCK.resolve("src/main/java/" + EXTENSION.replace('.', '/') + ".java"))
            .isRegularFile();
    }

    @Test
    void theLocalStackLoadsTheExtensionAndMakeImagesBuildsTheImage() {
        assertThat(DeployFiles.text(DeployFiles.ROOT.resolve("local/run.sh"))).contains("wiremock.Run")
            .contains("--extensions " + EXTENSION);
        assertThat(DeployFiles.text(DeployFiles.ROOT.resolve("Makefile")))
            .contains("docker build -t " + IMAGE + ":$(IMAGE_TAG) mocks/bank");
    }

}
