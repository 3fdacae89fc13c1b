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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code make bench}: against a running local stack (bench/run.sh starts one), measures
 * each part alone and then the whole pipeline, prints one table and writes
 * bench/results/TIMESTAMP/ (results.json, report.html, charts).
 *
 * <p>
 * Phases, in order: bank mock alone (wrk), SMTP mock alone (reused connections), Kafka
 * produce/consume (the broker's own tools); search (wrk); intake with the api role alone
 * (a separate api JVM whose orders go to a topic nobody consumes: wrk for its rate, a
 * fixed 500/s for its latency); the pipeline flooded (a closed loop that keeps a number
 * of orders unfinished), the pipeline at half that rate (POST → CONFIRMED latency,
 * coordinated-omission safe), and 1% slow-bank orders at a fixed rate (the healthy
 * orders' latency). Then every accepted order must reach one terminal status; the exit
 * code says whether it did. Speed is reported, never asserted.
 */
public final class Bench {

    /**
     * How long each phase runs: {@code full} (make bench, ~5 minutes) or {@code smoke}
     * (CI, ~1 minute).
     */
    record Size(String name, int stageSeconds, int kafkaRecords, int httpSeconds, int warmupSeconds, int floodSeconds,
            int unfinished, int fixedSeconds, double slowMixRate, int slowMixSeconds, int intakeFixedRate,
            int drainSeconds) {

        static Size of(String name) {
            return switch (name) {
                case "full" -> new Size(name, 8, 150_000, 12, 15, 60, 200, 30, 100, 30, 500, 120);
                case "smoke" -> new Size(name, 2, 10_000, 3, 0, 8, 40, 6, 20, 6, 100, 90);
                default -> throw new IllegalArgumentException("size is full or smoke, not " + name);
            };
        }
    }

    /**
     * The api JVM that intake is measured alone on, and the topics its orders go to
     * (nobody consumes them).
     */
    private static final int INTAKE_PORT = 8090;

    private static final String INTAKE_TOPIC = "bench.intake";

    private static final String RAW_TOPIC = "bench.raw";

    /**
     * The seed project's figures on the same kind of box (issue #8): the original Flask
     * intake and search.
     */
    private static final double ORIGINAL_INTAKE = 520;

    private static final double ORIGINAL_SEARCH = 850;

    private final Path root;

    private final Path stack;

    private final Path out;

    private final Size size;

    private final Path appJar;

    private final List<Figure> figures = new ArrayList<>();

    private final Map<String, Object> raw = new LinkedHashMap<>();

    private final List<Report.Chart> charts = new ArrayList<>();

    private final long runStartMs = System.currentTimeMillis();

    private final TestCards cards;

    /** Where the stack's parts listen (local/run.sh writes DATA_DIR/stack.properties). */
    private final String host;

    private final String kafka;

    private final Map<String, Object> kafkaClient;

    private final String app;

    private final String bank;

    private final int smtpPort;

    private final String inbox;

    private Bench(Path root, Path stack, Path out, Size size, Path appJar) throws IOException {
        this.root = root;
        this.cards = TestCards.from(root.resolve("mocks/bank/mappings"));
        Properties where = new Properties();
        try (var in = Files.newInputStream(stack.resolve("stack.properties"))) {
            where.load(in);
        }
        this.host = where.getProperty("host");
        this.kafka = where.getProperty("kafka");
        this.kafkaClient = StackKafka.client(where);
        this.app = where.getProperty("app");
        this.bank = where.getProperty("bank");
        this.smtpPort = Integer.parseInt(where.getProperty("smtp.port"));
        this.inbox = where.getProperty("inbox");
        this.appJar = appJar;
        this.stack = stack;
        this.out = out;
        this.size = size;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Bench bench = new Bench(root, Path.of(options.getOrDefault("stack", root.resolve(".data").toString())),
                Path.of(options.getOrDefault("out", root.resolve("bench/results/latest").toString())),
                Size.of(options.getOrDefault("size", "full")),
                Path.of(options.getOrDefault("jar", root.resolve("routes/target/routes.jar").toString())));
        System.exit(bench.run(options.getOrDefault("layout", "?")) ? 0 : 1);
    }

    private boolean run(String layout) throws Exception {
        Parts parts = Parts.read(stack.resolve("parts.tsv"));
        say("size " + size.name() + ", layout " + layout + ", parts "
                + parts.all().stream().map(Parts.Part::name).toList());
        stagesAlone();
        search();
        intakeAlone();
        boolean invariantsHold = pipeline(parts);
        roles(parts);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("size", size);
        settings.put("layout", layout);
        settings.put("cores", Runtime.getRuntime().availableProcessors());
        settings.put("started", java.time.Instant.ofEpochMilli(runStartMs).toString());
        Report.write(out, settings, figures, raw, charts);
        System.out.println();
        System.out.print(Report.table(figures));
        System.out.println();
        say("report: " + root.relativize(out.toAbsolutePath()) + "/ (report.html, results.json, chart-*.svg)");
        return invariantsHold;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Each part alone
    // ---------------------------------------------------------------------------------------------------------

    private double bankAlone;

    private double smtpAlone;

    private StagesAlone.KafkaRates kafkaAlone;

    private void stagesAlone() throws Exception {
        say("bank mock alone: wrk POST /v1/payments, 16 connections, " + size.stageSeconds() + " s");
        String payment = "{\"orderId\":\"bench\",\"amount\":{\"value\":\"23.80\",\"currency\":\"EUR\"},"
                + "\"card\":{\"number\":\"" + cards.approved() + "\",\"expiry\":\"12/39\"}}";
        Wrk.Result bankLoad = Wrk.run(bank + "/v1/payments", root.resolve("bench/wrk/post-json.lua"), 16,
                size.stageSeconds(), Map.of("BENCH_BODY", payment, "BENCH_KEY_PREFIX", "bench-bank"));
        bankAlone = bankLoad.requestsPerSecond();
        figures.add(Figure.of("bank mock alone (WireMock, c=16)", bankAlone, "req/s"));

        say("SMTP mock alone: 4 reused connections, " + size.stageSeconds() + " s");
        smtpAlone = StagesAlone.smtpMailsPerSecond(host, smtpPort, 4, size.stageSeconds());
        figures.add(Figure.of("SMTP mock alone (MailDev, 4 reused connections)", smtpAlone, "mails/s"));
        clearInbox();

        say("Kafka alone: " + size.kafkaRecords() + " records of 1 KB, acks=all, produce then consume");
        createTopic(RAW_TOPIC, 12);
        kafkaAlone = StagesAlone.kafka(root.resolve("local/target/kafka/libs"), kafka, RAW_TOPIC, size.kafkaRecords(),
                1024);
        figures.add(Figure.of("Kafka alone: produce (acks=all, 1 KB)", kafkaAlone.produceRecordsPerSecond(), "rec/s"));
        figures.add(Figure.of("Kafka alone: consume", kafkaAlone.consumeRecordsPerSecond(), "rec/s"));
        int rate = size.intakeFixedRate();
        StagesAlone.KafkaLatency ack = StagesAlone.kafkaLatency(root.resolve("local/target/kafka/libs"), kafka,
                RAW_TOPIC, rate, size.stageSeconds());
        figures
            .add(Figure.of("Kafka alone: acks=all latency at " + rate + " rec/s, one at a time: p50", ack.p50(), "ms"));
        figures
            .add(Figure.of("Kafka alone: acks=all latency at " + rate + " rec/s, one at a time: p99", ack.p99(), "ms"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Search and intake
    // ---------------------------------------------------------------------------------------------------------

    private void search() throws Exception {
        Path script = root.resolve("bench/wrk/search.lua");
        // As long a warm-up as the measure: the JIT compiles the request path only after
        // tens of thousands of calls.
        Wrk.run(app, script, 16, size.httpSeconds(), Map.of());
        say("search: wrk GET /search (6 queries), 16 connections, " + size.httpSeconds() + " s");
        Wrk.Result search = Wrk.run(app, script, 16, size.httpSeconds(), Map.of());
        figures.add(Figure.of("GET /search, c=16", search.requestsPerSecond(), "req/s")
            .against(ORIGINAL_SEARCH, "original (Flask)")
            .atLeast(8500));
        figures.add(Figure.of("GET /search, c=16: p99", search.p99Ms(), "ms").atMost(10));
        raw.put("search", search);
    }

    private void intakeAlone() throws Exception {
        say("intake alone: a separate api JVM on :" + INTAKE_PORT + " publishing to " + INTAKE_TOPIC);
        createTopic(INTAKE_TOPIC, 12);
        Map<String, String> topics = Map.of("TOPIC_ORDER", INTAKE_TOPIC, "TOPIC_ORDER_STATUS",
                INTAKE_TOPIC + "-status");
        long started = System.nanoTime();
        try (ApiProcess api = ApiProcess.start(root, stack, appJar, host, INTAKE_PORT, kafka, null, topics,
                out.resolve("intake-api.log"))) {
            api.awaitReady(Duration.ofSeconds(120));
            double ready = (System.nanoTime() - started) / 1e9;
            figures.add(Figure.of("api role alone (intake JVM): time to ready", ready, "s").atMost(8));
            String url = "http://" + host + ":" + INTAKE_PORT + "/orders";
            OrderDriver driver = new OrderDriver(root.resolve("config/restaurants.json"), cards);
            Map<String, String> wrkEnv = Map.of("BENCH_BODY", driver.approvedBody(), "BENCH_KEY_PREFIX",
                    "bench-intake");
            Path script = root.resolve("bench/wrk/post-json.lua");
            Wrk.run(url, script, 16, size.httpSeconds(), wrkEnv); // warm-up, as for
                                                                  // search
            // Each answer waits for a broker acknowledgement: the rate grows with the
            // requests in flight.
            for (int connections : new int[] { 16, 64 }) {
                say("intake: wrk POST /orders, " + connections + " connections, " + size.httpSeconds() + " s");
                long cpuBefore = Proc.groupCpuMillis(api.pid());
                Wrk.Result intake = Wrk.run(url, script, connections, size.httpSeconds(), wrkEnv);
                long cpu = Proc.groupCpuMillis(api.pid()) - cpuBefore;
                String c = "c=" + connections;
                figures.add(
                        Figure
                            .of("POST /orders, api role alone, " + c + " (202 after acks=all)",
                                    intake.requestsPerSecond(), "req/s")
                            .against(ORIGINAL_INTAKE, "original (Flask)")
                            .atLeast(2600));
                figures.add(Figure.of("POST /orders, api role alone, " + c + ": p99", intake.p99Ms(), "ms"));
                figures.add(Figure.of("POST /orders, api role alone, " + c + ": non-202 answers",
                        intake.non2xx() + intake.socketErrors(), "answers"));
                figures.add(Figure.of("POST /orders, api role alone, " + c + ": CPU of the api JVM per order",
                        intake.requests() == 0 ? Double.NaN : (double) cpu / intake.requests(), "ms"));
                raw.put("intake-" + c, intake);
            }

            say("intake at a fixed " + size.intakeFixedRate() + " orders/s for " + size.httpSeconds() + " s");
            Recorder latency = new Recorder(3);
            List<OrderDriver.Placed> placed = driver.fixedRate(URI.create(url), size.intakeFixedRate(),
                    size.httpSeconds(), 0, latency);
            Histogram h = latency.getIntervalHistogram();
            figures.add(
                    Figure
                        .of("POST /orders at " + size.intakeFixedRate() + "/s: p99 (intended send to 202)",
                                h.getValueAtPercentile(99) / 1000.0, "ms")
                        .atMost(25));
            raw.put("intakeFixedRate",
                    percentiles(h, 1000.0, placed.stream().filter(p -> p.orderId() == null).count()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The whole pipeline
    // ---------------------------------------------------------------------------------------------------------

    private boolean pipeline(Parts parts) throws Exception {
        OrderDriver driver = new OrderDriver(root.resolve("config/restaurants.json"), cards);
        URI orders = URI.create(app + "/orders");
        List<OrderDriver.Placed> all = new ArrayList<>();
        try (StatusWatcher watcher = new StatusWatcher(kafkaClient, "order_status")) {
            if (size.warmupSeconds() > 0) {
                say("pipeline warm-up: " + size.warmupSeconds() + " s closed loop");
                all.addAll(driver.closedLoop(orders, watcher, size.unfinished(), size.warmupSeconds()));
                awaitTerminal(watcher, all, size.drainSeconds());
            }

            say("pipeline flooded: " + size.unfinished() + " orders unfinished at any time, " + size.floodSeconds()
                    + " s");
            Map<String, Long> offsetsBefore = endOffsets();
            List<OrderDriver.Placed> flood = driver.closedLoop(orders, watcher, size.unfinished(), size.floodSeconds());
            all.addAll(flood);
            awaitTerminal(watcher, flood, size.drainSeconds());
            long recordsWritten = sum(endOffsets()) - sum(offsetsBefore);
            double max = throughput(watcher, flood);
            long floodAccepted = accepted(flood).size();
            double recordsPerOrder = floodAccepted == 0 ? Double.NaN : (double) recordsWritten / floodAccepted;
            double kafkaOrders = kafkaAlone.produceRecordsPerSecond() / recordsPerOrder;
            double slowest = Math.min(bankAlone, Math.min(smtpAlone, kafkaOrders));
            String slowestName = slowest == bankAlone ? "bank mock alone"
                    : slowest == smtpAlone ? "SMTP mock alone" : "Kafka alone / records per order";
            figures.add(Figure.of("pipeline flooded: orders/s (first RECEIVED to last terminal)", max, "orders/s")
                .against(slowest, slowestName)
                .atLeast(400));
            figures
                .add(Figure.of("Kafka records written per order (all topics + offsets)", recordsPerOrder, "records"));

            double rate = Math.max(1, Math.floor(max / 2));
            say("pipeline at half that: " + rate + " orders/s for " + size.fixedSeconds() + " s");
            Map<String, Long> cpuBefore = parts.cpuMillis();
            long benchCpuBefore = ownCpuMillis();
            List<OrderDriver.Placed> fixed = driver.fixedRate(orders, rate, size.fixedSeconds(), 0, null);
            awaitTerminal(watcher, fixed, size.drainSeconds());
            Map<String, Long> cpuAfter = parts.cpuMillis();
            long benchCpu = ownCpuMillis() - benchCpuBefore;
            all.addAll(fixed);
            Histogram latency = latency(watcher, fixed, false, "CONFIRMED");
            figures.add(Figure.of("POST -> CONFIRMED at " + Report.number(rate) + " orders/s: p50",
                    latency.getValueAtPercentile(50), "ms"));
            figures.add(
                    Figure
                        .of("POST -> CONFIRMED at " + Report.number(rate) + " orders/s: p99",
                                latency.getValueAtPercentile(99), "ms")
                        .atMost(150));
            raw.put("halfRateLatencyMs", percentiles(latency, 1.0, accepted(fixed).size() - latency.getTotalCount()));
            cpuPerOrder(cpuBefore, cpuAfter, benchCpu, accepted(fixed).size());
            charts
                .add(latencyChart("POST -> CONFIRMED latency at " + Report.number(rate) + " orders/s (by send second)",
                        watcher, fixed));

            say("slow-bank mix: " + size.slowMixRate() + " orders/s, 1% with the slow card, " + size.slowMixSeconds()
                    + " s");
            List<OrderDriver.Placed> mix = driver.fixedRate(orders, size.slowMixRate(), size.slowMixSeconds(), 100,
                    null);
            all.addAll(mix);
            awaitTerminal(watcher, mix.stream().filter(p -> !p.slow()).toList(), size.drainSeconds());
            Histogram healthy = latency(watcher, mix, false, null);
            figures
                .add(Figure
                    .of("healthy orders beside 1% slow-bank orders at " + Report.number(size.slowMixRate()) + "/s: p99",
                            healthy.getValueAtPercentile(99), "ms")
                    .atMost(2000));
            raw.put("slowMixHealthyLatencyMs", percentiles(healthy, 1.0, 0));
            charts.add(latencyChart("Healthy orders' POST -> terminal latency beside 1% slow-bank orders", watcher,
                    mix.stream().filter(p -> !p.slow()).toList()));

            say("waiting (at most " + size.drainSeconds() + " s) for every accepted order to reach a terminal status");
            awaitTerminal(watcher, all, size.drainSeconds());
            charts.add(0, throughputChart(watcher));
            return invariants(watcher, all);
        }
    }

    /**
     * Orders/s from order_status record timestamps: the first RECEIVED to the last
     * terminal status.
     */
    private static double throughput(StatusWatcher watcher, List<OrderDriver.Placed> placed) {
        long first = Long.MAX_VALUE;
        long last = 0;
        int done = 0;
        for (OrderDriver.Placed p : accepted(placed)) {
            StatusWatcher.Track t = watcher.track(p.orderId());
            if (t.terminal == 0) {
                continue;
            }
            done++;
            first = Math.min(first, t.received == 0 ? p.intendedEpochMs() : t.received);
            last = Math.max(last, t.terminal);
        }
        return done == 0 || last <= first ? Double.NaN : done * 1000.0 / (last - first);
    }

    /**
     * Latency in ms from each order's intended send time to its terminal record (only
     * {@code status}, if given). An order still unfinished counts with the time it has
     * waited so far: a lower bound, never left out.
     */
    private static Histogram latency(StatusWatcher watcher, List<OrderDriver.Placed> placed, boolean slow,
            String status) {
        Histogram h = new Histogram(3_600_000L, 3);
        long now = System.currentTimeMillis();
        for (OrderDriver.Placed p : accepted(placed)) {
            StatusWatcher.Track t = watcher.track(p.orderId());
            if (p.slow() != slow) {
                continue;
            }
            if (t.terminal == 0) {
                h.recordValue(Math.max(0, now - p.intendedEpochMs()));
            }
            else if (status == null || status.equals(t.terminalStatus)) {
                h.recordValue(Math.max(0, t.terminal - p.intendedEpochMs()));
            }
        }
        return h;
    }

    private void cpuPerOrder(Map<String, Long> before, Map<String, Long> after, long benchCpu, int orders) {
        Map<String, Object> perOrder = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Long> part : after.entrySet()) {
            double ms = (double) (part.getValue() - before.getOrDefault(part.getKey(), 0L)) / Math.max(1, orders);
            perOrder.put(part.getKey(), ms);
            total += ms;
            figures.add(Figure.of("CPU per order: " + part.getKey(), ms, "ms"));
        }
        double generator = (double) benchCpu / Math.max(1, orders);
        figures.add(Figure.of("CPU per order: load generator (this bench)", generator, "ms"));
        figures.add(Figure.of("CPU per order: every part of the stack", total, "ms"));
        figures.add(Figure.of("CPU ceiling on this box (cores / CPU per order)",
                Runtime.getRuntime().availableProcessors() * 1000.0 / total, "orders/s"));
        perOrder.put("loadGenerator", generator);
        raw.put("cpuMsPerOrder", perOrder);
    }

    private void roles(Parts parts) {
        for (Parts.Part role : parts.appRoles()) {
            figures.add(Figure.of(role.name() + ": time to ready", role.readySeconds(), "s").atMost(8));
            figures
                .add(Figure.of(role.name() + ": RSS after the run", Proc.groupRssMib(role.pid()), "MiB").atMost(400));
        }
    }

    /**
     * Every accepted order reached exactly one terminal status; prints and records what
     * did not.
     */
    private boolean invariants(StatusWatcher watcher, List<OrderDriver.Placed> all) {
        List<OrderDriver.Placed> accepted = accepted(all);
        long unfinished = accepted.stream().filter(p -> watcher.track(p.orderId()).terminal == 0).count();
        long twice = accepted.stream().filter(p -> watcher.track(p.orderId()).terminals.size() > 1).count();
        Map<String, Long> byStatus = new TreeMap<>();
        accepted.forEach(p -> byStatus.merge(String.valueOf(watcher.track(p.orderId()).terminalStatus), 1L, Long::sum));
        figures.add(Figure.of("orders accepted (202)", accepted.size(), "orders"));
        figures.add(Figure.of("orders refused or failed to answer", all.size() - accepted.size(), "orders"));
        figures.add(Figure.of("accepted orders without a terminal status", unfinished, "orders").atMost(0));
        figures.add(Figure.of("orders with more than one terminal status", twice, "orders").atMost(0));
        raw.put("terminalStatuses", byStatus);
        say("accepted " + accepted.size() + ", terminal " + byStatus + ", without terminal " + unfinished
                + ", more than one terminal " + twice);
        return unfinished == 0 && twice == 0 && !accepted.isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Charts
    // ---------------------------------------------------------------------------------------------------------

    private Report.Chart throughputChart(StatusWatcher watcher) {
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        lines.put("RECEIVED (intake)", new ArrayList<>());
        lines.put("PAID (transactions)", new ArrayList<>());
        lines.put("CONFIRMED (email)", new ArrayList<>());
        lines.put("FAILED", new ArrayList<>());
        Map<Long, AtomicLongArray> perSecond = watcher.perSecond();
        if (!perSecond.isEmpty()) {
            long first = perSecond.keySet().iterator().next();
            long last = ((java.util.NavigableMap<Long, AtomicLongArray>) perSecond).lastKey();
            for (long s = first; s <= last; s++) {
                AtomicLongArray counts = perSecond.get(s);
                double x = s - runStartMs / 1000.0;
                int i = 0;
                for (String status : List.of("RECEIVED", "PAID", "CONFIRMED", "FAILED")) {
                    long count = counts == null ? 0 : counts.get(StatusWatcher.STATUSES.indexOf(status));
                    lines.get(lines.keySet().toArray(String[]::new)[i++]).add(new double[] { x, count });
                }
            }
        }
        List<Report.Series> series = new ArrayList<>();
        lines.forEach((name, points) -> series.add(new Report.Series(name, points)));
        return new Report.Chart("Throughput per stage (order_status records per second)", "records/s", series);
    }

    private Report.Chart latencyChart(String title, StatusWatcher watcher, List<OrderDriver.Placed> placed) {
        Map<Long, Histogram> bySecond = new TreeMap<>();
        for (OrderDriver.Placed p : accepted(placed)) {
            StatusWatcher.Track t = watcher.track(p.orderId());
            if (t.terminal != 0) {
                bySecond.computeIfAbsent(p.intendedEpochMs() / 1000, s -> new Histogram(3_600_000L, 2))
                    .recordValue(Math.max(0, t.terminal - p.intendedEpochMs()));
            }
        }
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        List<double[]> max = new ArrayList<>();
        bySecond.forEach((second, h) -> {
            double x = second - runStartMs / 1000.0;
            p50.add(new double[] { x, h.getValueAtPercentile(50) });
            p99.add(new double[] { x, h.getValueAtPercentile(99) });
            max.add(new double[] { x, h.getMaxValue() });
        });
        return new Report.Chart(title, "ms",
                List.of(new Report.Series("p50", p50), new Report.Series("p99", p99), new Report.Series("max", max)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    private static List<OrderDriver.Placed> accepted(Collection<OrderDriver.Placed> placed) {
        return placed.stream().filter(p -> p.orderId() != null).toList();
    }

    private static void awaitTerminal(StatusWatcher watcher, List<OrderDriver.Placed> placed, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<OrderDriver.Placed> accepted = accepted(placed);
        while (System.nanoTime() < deadline
                && accepted.stream().anyMatch(p -> watcher.track(p.orderId()).terminal == 0)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static Map<String, Object> percentiles(Histogram h, double scale, long missing) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", h.getTotalCount());
        p.put("missing", missing);
        for (double q : new double[] { 50, 90, 99, 99.9 }) {
            p.put("p" + Report.number(q), h.getValueAtPercentile(q) / scale);
        }
        p.put("max", h.getMaxValue() / scale);
        return p;
    }

    private static long ownCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    private Admin admin() {
        return Admin.create(kafkaClient);
    }

    private void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            if (!admin.listTopics().names().get().contains(name)) {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            }
        }
    }

    /**
     * The end offset of every partition of every topic, internal ones included (offset
     * commits are writes too).
     */
    private Map<String, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var topic : admin
                .describeTopics(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get())
                .allTopicNames()
                .get()
                .values()) {
                if (topic.name().startsWith("bench.")) {
                    continue;
                }
                topic.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<String, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp.toString(), info.offset()));
            return offsets;
        }
    }

    private static long sum(Map<String, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private void clearInbox() {
        try {
            // HTTP/1.1 as it is: MailDev's server drops the HTTP/2 upgrade the client
            // tries by default.
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(HttpRequest.newBuilder(URI.create(inbox + "/api/email/all"))
                    .DELETE()
                    .timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        catch (IOException | InterruptedException e) {
            say("could not empty the inbox: " + e);
        }
    }

    static void say(String message) {
        System.out.println("[bench] " + message);
    }

}
