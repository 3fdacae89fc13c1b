package io.kafkarestaurants.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An api role JVM of its own beside the stack (make bench's intake phase, make scale):
 * the stack's app JVM options and extracted jar (local/run.sh writes them into DATA_DIR),
 * its Kafka and card key, and the settings given.
 */
final class ApiProcess implements AutoCloseable {

    private final Process process;

    private final String base;

    private ApiProcess(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Starts {@code routes.jar} as the api role on {@code host:port}. {@code heap}, when
     * not null, replaces the stack's -Xmx; {@code env} adds to (or overrides) the
     * environment the stack's app gets.
     */
    static ApiProcess start(Path root, Path stack, Path appJar, String host, int port, String kafka, String heap,
            Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid", "java"));
        for (String option : Files.readString(stack.resolve("app-java-opts")).strip().split("\\s+")) {
            command.add(heap != null && option.startsWith("-Xmx") ? "-Xmx" + heap : option);
        }
        // The same extracted jar as the stack's (DATA_DIR/app, local/run.sh makes it):
        // classes load from plain jars.
        Path extracted = stack.resolve("app").resolve(appJar.getFileName());
        if (!Files.exists(extracted)) {
            extract(appJar, extracted.getParent());
        }
        command.addAll(List.of("-jar", extracted.toString()));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("RESTAURANTS_ROLES", "api");
        environment.put("SERVER_ADDRESS", host);
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        environment.put("CATALOG_PATH", root.resolve("config/restaurants.json").toString());
        environment.put("CARD_KEY", Files.readString(stack.resolve("card-key")).strip());
        environment.put("CARD_KEY_ID", "local-dev");
        environment.put("MALLOC_ARENA_MAX", "2");
        environment.putAll(env);
        return new ApiProcess(builder.start(), "http://" + host + ":" + port);
    }

    private static void extract(Path appJar, Path into) throws IOException {
        try {
            Process extract = new ProcessBuilder("java", "-Djarmode=tools", "-jar", appJar.toString(), "extract",
                    "--destination", into.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (extract.waitFor() != 0) {
                throw new IOException("could not extract " + appJar + " into " + into);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + appJar, e);
        }
    }

    String base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits until {@code /actuator/health/readiness} says UP; fails when the JVM exits or
     * the time is up.
     */
    void awaitReady(Duration within) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the api JVM on " + base + " exited; see its log in the results");
            }
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("the api JVM on " + base + " was not ready in " + within.toSeconds() + " s");
    }

    /** SIGTERM (a graceful stop), then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

}
