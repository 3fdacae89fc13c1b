package io.kafkarestaurants.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The faults {@code make chaos} injects into a stack that local/run.sh runs with
 * LOCAL_STACK_SUPERVISE=restart: a signal to a part's process group (the runner starts a
 * part that exits again, at once, or once its hold file is gone), and a slower bank
 * through WireMock's global settings. Also tells when a part is back.
 */
final class Faults {

    private final Path stack;

    private final Properties where;

    private final Map<String, Object> kafkaClient;

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();

    Faults(Path stack) throws IOException {
        this.stack = stack;
        this.where = new Properties();
        try (var in = Files.newBufferedReader(stack.resolve("stack.properties"))) {
            where.load(in);
        }
        this.kafkaClient = StackKafka.client(where);
    }

    /**
     * The settings a Kafka client of the harness starts from (the broker, and its admin
     * user on a secure stack).
     */
    Map<String, Object> kafkaClient() {
        return new HashMap<>(kafkaClient);
    }

    String url(String key) {
        return where.getProperty(key);
    }

    /**
     * The processes of a role when the stack runs replicas of it (LOCAL_STACK_REPLICAS;
     * {@code app.<role>.<n>} in stack.properties): {@code <role>-<n>} → its URL, in
     * order. Empty when the role runs as one process.
     */
    SortedMap<String, String> replicas(String role) {
        SortedMap<String, String> replicas = new TreeMap<>();
        for (int n = 1; where.containsKey("app." + role + "." + n); n++) {
            replicas.put(role + "-" + n, url("app." + role + "." + n));
        }
        return replicas;
    }

    /**
     * Sends {@code signal} (KILL, TERM) to every process of the part (its process group).
     */
    void signal(String part, String signal) throws IOException, InterruptedException {
        String pgid = Files.readString(stack.resolve("pids").resolve(part)).trim();
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " of " + part + " (process group " + pgid + ") failed");
        }
    }

    /** While held, the runner does not start the part again after it exits. */
    void hold(String part) throws IOException {
        Files.writeString(stack.resolve("hold").resolve(part), "chaos\n");
    }

    void release(String part) throws IOException {
        Files.deleteIfExists(stack.resolve("hold").resolve(part));
    }

    /**
     * Every bank answer {@code millis} later (WireMock's global fixed delay); 0 for none.
     */
    void bankDelay(int millis) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("bank") + "/__admin/settings"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"fixedDelay\":" + millis + "}"))
            .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IOException("the bank mock refused its new settings: HTTP " + status);
        }
    }

    /**
     * Waits until the part answers again (its readiness, or for Kafka its cluster
     * metadata).
     */
    void awaitReady(String part, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready(part)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(part + " was not back after " + timeout.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /**
     * The URL that answers 2xx once a part is ready. An app process's address is in
     * stack.properties under its part name: app-api as "app", app-transactions as
     * "app.transactions", a replica app-email-2 as "app.email.2".
     */
    private String readiness(String part) {
        return switch (part) {
            case "app-api" -> url("app") + "/actuator/health/readiness";
            case "bank" -> url("bank") + "/__admin/health";
            case "maildev" -> url("inbox") + "/api/healthz";
            default -> {
                String app = part.startsWith("app-") ? url(part.replace('-', '.')) : null;
                if (app == null) {
                    throw new IllegalArgumentException("no readiness known for " + part);
                }
                yield app + "/actuator/health/readiness";
            }
        };
    }

    private boolean ready(String part) {
        if (part.equals("kafka")) {
            Map<String, Object> client = kafkaClient();
            client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
            client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            try (Admin admin = Admin.create(client)) {
                return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
            }
            catch (Exception notYet) {
                return false;
            }
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(readiness(part)))
                .timeout(Duration.ofSeconds(2))
                .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
        }
        catch (IOException notYet) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
