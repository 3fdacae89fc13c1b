package io.kafkarestaurants.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * make scale: the api role's order view at a size no heap could hold. Beside a stack of
 * Kafka only (and its mocks), it starts an api replica once so the application creates
 * its topics, fills {@code order_status} with N synthetic terminal orders through a Kafka
 * producer, then starts an api replica capped at -Xmx256m with an empty view directory (a
 * new pod) and measures: its time to ready (the view caught up with every order), a
 * sample of orders answered (every one must be, with the status it was given), the answer
 * latency, the heap the JVM reports, its RSS and the view's size on disk. Then it
 * restarts that replica (its view is rebuilt at every start) and measures its time to
 * ready again. Writes scale.txt and scale.json.
 */
public final class ViewScale {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int SCALE_PORT = 18080;

    private static final String HEAP = "256m";

    private static final String[] TERMINAL = { "CONFIRMED", "CONFIRMED", "CONFIRMED", "CONFIRMED", "DECLINED",
            "FAILED" };

    private final Path root;

    private final Path stack;

    private final Path out;

    private final Path appJar;

    private final int orders;

    private final int sample;

    private final String host;

    private final String kafka;

    private final List<Figure> figures = new ArrayList<>();

    private final Map<String, Object> raw = new LinkedHashMap<>();

    private ViewScale(Path root, Path stack, Path out, Path appJar, int orders, int sample) throws IOException {
        this.root = root;
        this.stack = stack;
        this.out = out;
        this.appJar = appJar;
        this.orders = orders;
        this.sample = sample;
        Properties where = new Properties();
        try (var in = Files.newInputStream(stack.resolve("stack.properties"))) {
            where.load(in);
        }
        this.host = where.getProperty("host");
        this.kafka = where.getProperty("kafka");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        ViewScale scale = new ViewScale(root, Path.of(options.get("stack")), Path.of(options.get("out")),
                Path.of(options.getOrDefault("app-jar", root.resolve("routes/target/routes.jar").toString())),
                Integer.parseInt(options.getOrDefault("orders", "1000000")),
                Integer.parseInt(options.getOrDefault("sample", "2000")));
        scale.run();
        if (!scale.ok) {
            System.exit(1);
        }
    }

    /**
     * False once a sampled order was not answered, or not with the status it was given.
     */
    private boolean ok = true;

    private void run() throws Exception {
        Path views = stack.resolve("scale-views");
        say("an api replica creates the application's topics");
        try (ApiProcess api = start(views.resolve("first"), "scale-api-first.log")) {
            api.awaitReady(Duration.ofSeconds(120));
        }

        say("filling order_status with " + orders + " orders");
        long fillStarted = System.nanoTime();
        long bytes = fill();
        double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
        figures.add(Figure.of("fill: " + orders + " snapshots on order_status (producer, acks=all)",
                orders / fillSeconds, "rec/s"));
        raw.put("fill", Map.of("orders", orders, "seconds", fillSeconds, "bytes", bytes));

        say("a new api replica, -Xmx" + HEAP + ", empty view directory");
        Path view = views.resolve("measured");
        long started = System.nanoTime();
        try (ApiProcess api = start(view, "scale-api.log")) {
            api.awaitReady(Duration.ofMinutes(15));
            double ready = (System.nanoTime() - started) / 1e9;
            figures.add(Figure.of("api replica, empty view: time to ready (" + orders + " orders)", ready, "s"));
            answers(api);
            memory(api, "after answering");
            figures.add(Figure.of("order view on disk (RocksDB)", directoryMib(view), "MiB"));
        }

        say("the same replica restarted (it rebuilds its view)");
        started = System.nanoTime();
        try (ApiProcess api = start(view, "scale-api-restart.log")) {
            api.awaitReady(Duration.ofMinutes(15));
            figures.add(Figure.of("api replica restarted: time to ready", (System.nanoTime() - started) / 1e9, "s"));
            Histogram again = new Histogram(3);
            int found = answer(api, again, 200);
            check(found, 200, "after the restart");
            figures.add(Figure.of("api replica restarted: sampled orders answered", found, "of 200"));
        }

        String table = Report.table(figures);
        System.out.println(table);
        Files.createDirectories(out);
        Files.writeString(out.resolve("scale.txt"),
                "make scale: " + orders + " orders, api at -Xmx" + HEAP + "\n" + table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orders", orders);
        json.put("heap", HEAP);
        json.put("figures",
                figures.stream().map(f -> Map.of("name", f.name(), "value", f.value(), "unit", f.unit())).toList());
        json.put("raw", raw);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("scale.json").toFile(), json);
    }

    private ApiProcess start(Path view, String log) throws IOException {
        return ApiProcess.start(root, stack, appJar, host, SCALE_PORT, kafka, HEAP,
                Map.of("ORDER_VIEW_STATE_DIR", view.toString()), out.resolve(log));
    }

    /**
     * N terminal orders, keyed by a name-based UUID of their number (so the check knows
     * every id and status).
     */
    private long fill() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < orders; i++) {
                byte[] value = snapshot(i).getBytes(StandardCharsets.UTF_8);
                bytes += value.length;
                producer.send(new ProducerRecord<>("order_status", orderId(i), value));
            }
            producer.flush();
        }
        return bytes;
    }

    static String orderId(int i) {
        return UUID.nameUUIDFromBytes(("scale-order-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String status(int i) {
        return TERMINAL[i % TERMINAL.length];
    }

    /**
     * An OrderStatusChanged snapshot as the stages publish it: the whole order, its
     * history, the terminal state.
     */
    static String snapshot(int i) {
        String status = status(i);
        Instant at = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i);
        String second = status.equals("CONFIRMED") ? "PAID" : status;
        String history = "[{\"status\":\"RECEIVED\",\"at\":\"" + at + "\"},{\"status\":\"" + second + "\",\"at\":\""
                + at.plusMillis(40) + "\"" + (status.equals("CONFIRMED") ? "}" : ",\"reason\":\"card_declined\"}")
                + (status.equals("CONFIRMED") ? ",{\"status\":\"CONFIRMED\",\"at\":\"" + at.plusMillis(90) + "\"}" : "")
                + "]";
        return "{\"eventType\":\"OrderStatusChanged\",\"schemaVersion\":1,\"orderId\":\"" + orderId(i)
                + "\",\"status\":\"" + status + "\""
                + (status.equals("CONFIRMED") ? "" : ",\"reason\":\"card_declined\"") + ",\"occurredAt\":\""
                + at.plusMillis(90) + "\",\"order\":{\"restaurant\":{\"id\":\"amore-mio\","
                + "\"name\":\"Amore Mio\"},\"items\":[{\"menuItemId\":\"margherita\",\"name\":\"Margherita\","
                + "\"quantity\":2,\"unitPrice\":\"9.50\",\"lineTotal\":\"19.00\"},{\"menuItemId\":\"tiramisu\","
                + "\"name\":\"Tiramisu\",\"quantity\":1,\"unitPrice\":\"6.50\",\"lineTotal\":\"6.50\"}],"
                + "\"total\":{\"value\":\"25.50\",\"currency\":\"EUR\"},\"email\":\"customer" + i + "@example.com\","
                + "\"fulfilment\":{\"type\":\"delivery\",\"address\":\"" + i + " Example Street, Tel Aviv\"},"
                + "\"card\":{\"brand\":\"visa\",\"last4\":\"4242\"}},\"history\":" + history + "}";
    }

    /**
     * A random sample of the orders, one GET each: every one must be answered with the
     * status it was given.
     */
    private void answers(ApiProcess api) throws Exception {
        Histogram latency = new Histogram(3);
        answer(api, latency, 200); // warm-up: the first requests load classes and fill
                                   // caches
        latency.reset();
        int found = answer(api, latency, sample);
        check(found, sample, "by the new replica");
        figures.add(Figure.of("sampled orders answered with their status", found, "of " + sample));
        figures.add(Figure.of("GET /orders/{id}: p50", latency.getValueAtPercentile(50) / 1000.0, "ms"));
        figures.add(Figure.of("GET /orders/{id}: p99", latency.getValueAtPercentile(99) / 1000.0, "ms"));
        raw.put("answers", Map.of("sample", sample, "found", found));
    }

    private int answer(ApiProcess api, Histogram latency, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        SplittableRandom random = new SplittableRandom(42);
        int found = 0;
        for (int n = 0; n < count; n++) {
            int i = random.nextInt(orders);
            HttpRequest get = HttpRequest.newBuilder(URI.create(api.base() + "/orders/" + orderId(i)))
                .timeout(Duration.ofSeconds(5))
                .build();
            long t0 = System.nanoTime();
            HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
            latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
            if (answer.statusCode() == 200 && status(i).equals(JSON.readTree(answer.body()).path("status").asText())) {
                found++;
            }
        }
        return found;
    }

    private void check(int found, int asked, String when) {
        if (found != asked) {
            ok = false;
            System.err.println("[scale] ERROR: " + (asked - found) + " of " + asked
                    + " sampled orders were not answered " + "with their status " + when);
        }
    }

    /**
     * Heap as the JVM reports it (Micrometer's gauges), then RSS and its peak from /proc.
     */
    private void memory(ApiProcess api, String when) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(api.base() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        double heapUsed = sumOf(metrics.body(), "jvm_memory_used_bytes", "area=\"heap\"");
        double heapCommitted = sumOf(metrics.body(), "jvm_memory_committed_bytes", "area=\"heap\"");
        figures.add(Figure.of("heap used " + when + " (cap " + HEAP + ")", heapUsed / (1 << 20), "MiB"));
        figures.add(Figure.of("heap committed " + when, heapCommitted / (1 << 20), "MiB"));
        figures.add(Figure.of("RSS " + when, Proc.groupRssMib(api.pid()), "MiB"));
        figures.add(Figure.of("RSS peak (VmHWM)", peakRssMib(api.pid()), "MiB"));
    }

    /**
     * The sum of a Prometheus metric's samples that carry the given label, e.g.
     * area="heap".
     */
    private static double sumOf(String prometheus, String metric, String label) {
        return prometheus.lines()
            .filter(line -> line.startsWith(metric + "{") && line.contains(label))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum();
    }

    private static double peakRssMib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status"))
            .stream()
            .filter(line -> line.startsWith("VmHWM:"))
            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
            .sum() / 1024.0;
    }

    private static double directoryMib(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum() / 1048576.0;
        }
    }

    private static void say(String message) {
        System.out.println("[scale] " + message);
    }

}
