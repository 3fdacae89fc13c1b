package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * routes/Dockerfile, read as text (there is no Docker engine here): a layered Spring Boot
 * jar built with the wrapper on the project's Java, run as non-root on a shell-less
 * runtime, from a build context its ignore file keeps small without hiding anything the
 * build copies.
 */
class DockerfileTest {

    static final Path DOCKERFILE = DeployFiles.ROOT.resolve("routes/Dockerfile");
    static final Path IGNORE = DeployFiles.ROOT.resolve("routes/Dockerfile.dockerignore");

    final List<String> lines = DeployFiles.text(DOCKERFILE).lines().map(String::trim).toList();

    @Test
    void buildsWithTheWrapperOnTheProjectsJavaAndExtractsTheJarsLayers() {
        String java = Versions.pomProperty(DeployFiles.ROOT.resolve("pom.xml"), "java.version");
        String jar = Versions.pomProperty(DeployFiles.ROOT.resolve("routes/pom.xml"), "finalName") + ".jar";
        String text = DeployFiles.text(DOCKERFILE);

        assertThat(stages()).first().asString().startsWith("eclipse-temurin:" + java + "-jdk");
        assertThat(text).contains("./mvnw")
            .contains("-pl routes")
            .contains("-jar routes/target/" + jar + " extract --layers --launcher");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(text).contains("COPY --from=build /layers/" + layer + "/ ./");
        }
    }

    @Test
    void runsAsNonRootOnADistrolessJavaRuntimeThroughTheSpringBootLauncher() {
        String runtime = stages().get(stages().size() - 1);
        String java = Versions.pomProperty(DeployFiles.ROOT.resolve("pom.xml"), "java.version");

        assertThat(runtime).isEqualTo("gcr.io/distroless/java" + java + "-debian12:nonroot");
        assertThat(last("USER")).matches("[1-9][0-9]*:[1-9][0-9]*");
        assertThat(last("ENTRYPOINT")).isEqualTo(
                "[\"java\", \"-XX:MaxRAMPercentage=75\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        assertThat(last("EXPOSE")).isEqualTo("8080");
    }

    /**
     * Maven reads the pom of every module the parent lists, even when it builds routes
     * alone: a module added to the parent without its pom in the image fails the build.
     */
    @Test
    void copiesThePomOfEveryModuleTheParentLists() throws Exception {
        List<String> modules = modules(DeployFiles.ROOT.resolve("pom.xml"));
        String text = DeployFiles.text(DOCKERFILE);

        assertThat(modules).contains("routes", "deploy-tests");
        for (String module : modules) {
            assertThat(text).as("routes/Dockerfile copies %s/pom.xml", module)
                .contains("COPY " + module + "/pom.xml " + module + "/");
        }
    }

    @Test
    void theIgnoreFileLetsThroughEverythingTheBuildCopiesAndNothingElse() {
        List<String> ignore = DeployFiles.text(IGNORE)
            .lines()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
        List<String> copied = new ArrayList<>();
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(.+) \\S+$").matcher(DeployFiles.text(DOCKERFILE));
        while (copy.find()) {
            for (String source : copy.group(1).trim().split("\\s+")) {
                copied.add(source.replaceAll("/$", ""));
            }
        }

        assertThat(ignore).first().isEqualTo("*");
        assertThat(copied).isNotEmpty()
            .allSatisfy(source -> assertThat(ignore).as("%s is let through by %s", source, IGNORE.getFileName())
                .anyMatch(rule -> rule.startsWith("!") && (rule.substring(1).replaceAll("/$", "").equals(source)
                        || rule.substring(1).startsWith(source + "/")
                        || source.startsWith(rule.substring(1).replaceAll("/$", "") + "/"))));
    }

    private static List<String> modules(Path pom) throws Exception {
        NodeList modules = DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(pom.toFile())
            .getElementsByTagName("module");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            names.add(modules.item(i).getTextContent().trim());
        }
        return names;
    }

    private List<String> stages() {
        return lines.stream()
            .filter(l -> l.startsWith("FROM "))
            .map(l -> ContainerImagesTest.unpinned(l.split("\\s+")[1]))
            .toList();
    }

    private String last(String instruction) {
        return lines.stream()
            .filter(l -> l.startsWith(instruction + " "))
            .reduce((a, b) -> b)
            .map(l -> l.substring(instruction.length() + 1).trim())
            .orElseThrow(() -> new AssertionError("no " + instruction + " in " + DOCKERFILE));
    }

}
