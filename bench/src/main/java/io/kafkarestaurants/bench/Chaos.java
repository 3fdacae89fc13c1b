package io.kafkarestaurants.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code make chaos}: orders at a fixed rate with a mix of cards while, on a schedule,
 * parts of the stack are killed (SIGKILL of each role, of the broker), made unavailable
 * (bank, SMTP down for 20 s), slow (bank), or restarted one after another (SIGTERM). Then
 * it waits for the pipeline to settle and checks every lifecycle invariant from the
 * topics, the bank mock's payments and the inbox (ChaosAudit). Prints a table; the exit
 * code is 0 only with zero violations.
 *
 * <p>
 * The {@code replicas} scenario runs two processes of each role behind the site's nginx:
 * orders go through the site, three in ten also to each api replica directly at the same
 * moment (retried requests), while one process of each stage is stopped (SIGTERM, down 10
 * s) or killed (SIGKILL) and started again, so their groups rebalance under load. Beside
 * the lifecycle invariants, every api replica must then answer the same for every order.
 */
public final class Chaos {

    /** How many orders at what rate, and which faults how often. */
    record Size(String scenario, String name, int orders, double rate, boolean allFaults, int gapSeconds,
            int settleSeconds) {

        static Size of(String scenario, String name) {
            return switch (scenario + "/" + name) {
                case "roles/ci" -> new Size(scenario, name, 300, 5, false, 4, 150);
                case "roles/default" -> new Size(scenario, name, 2000, 8, true, 8, 240);
                case "roles/large" -> new Size(scenario, name, 10_000, 12, true, 8, 300);
                case "replicas/ci" -> new Size(scenario, name, 400, 5, false, 4, 150);
                case "replicas/default" -> new Size(scenario, name, 1000, 6, true, 8, 240);
                default -> throw new IllegalArgumentException("scenario/size is roles/ci, roles/default, roles/large,"
                        + " replicas/ci or replicas/default, not " + scenario + "/" + name);
            };
        }

        boolean replicas() {
            return scenario.equals("replicas");
        }
    }

    /** One fault: what it does, and what it waits for before the next may start. */
    private record Fault(String name, FaultAction action) {
    }

    @FunctionalInterface
    private interface FaultAction {

        void run() throws Exception;

    }

    /**
     * A fault as injected: when (seconds into the load), what, and how long until the
     * stack was whole again.
     */
    record Injected(double atSeconds, String fault, double recoveredAfterSeconds) {
    }

    private static final Duration BACK = Duration.ofSeconds(120);

    private static final int OUTAGE_SECONDS = 20;

    /**
     * How long a stage process stopped in the replicas scenario stays down: its group's
     * other process works alone.
     */
    private static final int REPLICA_DOWN_SECONDS = 10;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(3))
        .build();

    private final Path root;

    private final Path stack;

    private final Path out;

    private final Size size;

    private final Faults faults;

    private final List<Injected> injected = new ArrayList<>();

    /**
     * When the load started (epoch ms), and when each mail reached the inbox, to say when
     * a mail sent twice was.
     */
    private long loadStartMillis;

    private final Map<String, List<Instant>> mailTimes = new HashMap<>();

    private Chaos(Path root, Path stack, Path out, Size size) throws IOException {
        this.root = root;
        this.stack = stack;
        this.out = out;
        this.size = size;
        this.faults = new Faults(stack);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Chaos chaos = new Chaos(Path.of(options.get("root")), Path.of(options.get("stack")),
                Path.of(options.get("out")),
                Size.of(options.getOrDefault("scenario", "roles"), options.getOrDefault("size", "default")));
        System.exit(chaos.run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        TestCards cards = TestCards.from(root.resolve("mocks/bank/mappings"));
        OrderDriver bodies = new OrderDriver(root.resolve("config/restaurants.json"), cards);
        String runId = "chaos-" + Long.toString(System.currentTimeMillis(), 36);
        Map<String, String> apiReplicas = faults.replicas("api");
        if (size.replicas() && (apiReplicas.size() < 2 || faults.url("site") == null)) {
            throw new IllegalStateException(
                    "the replicas scenario needs a stack with api replicas and the site" + " (LOCAL_STACK_REPLICAS=2)");
        }
        URI intake = URI.create(size.replicas() ? faults.url("site") + "/api/orders" : faults.url("app") + "/orders");
        List<URI> direct = apiReplicas.values().stream().map(url -> URI.create(url + "/orders")).toList();
        ChaosLoad load = new ChaosLoad(intake, direct, bodies, cards, runId, Duration.ofSeconds(180));
        say(String.format("%d orders at %.0f/s to %s (%s), faults every %d s", size.orders(), size.rate(), intake,
                ChaosLoad.MIX, size.gapSeconds()));
        if (!direct.isEmpty()) {
            say(String.format("%d in 10 of them also sent at once to each api replica: %s",
                    ChaosLoad.ON_EVERY_REPLICA_PER_TEN, direct));
        }

        StatusWatcher watcher = new StatusWatcher(faults.kafkaClient(), "order_status");
        AtomicReference<Map<String, ChaosLoad.Sent>> sent = new AtomicReference<>();
        AtomicReference<Throwable> loadFailure = new AtomicReference<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        long start = System.nanoTime();
        loadStartMillis = System.currentTimeMillis();
        Thread loader = new Thread(() -> {
            try {
                sent.set(load.run(size.orders(), size.rate()));
            }
            catch (Throwable failure) {
                loadFailure.set(failure);
            }
            finally {
                loading.set(false);
            }
        }, "chaos-load");
        loader.start();

        List<Fault> cycle = cycle();
        int next = 0;
        double sendSeconds = size.orders() / size.rate();
        // The CI size injects its cycle once, whatever the load's length; the others
        // repeat it while orders go out.
        while (!size.allFaults() || (System.nanoTime() - start) / 1e9 < sendSeconds - size.gapSeconds()) {
            TimeUnit.SECONDS.sleep(size.gapSeconds());
            Fault fault = cycle.get(next++ % cycle.size());
            double at = (System.nanoTime() - start) / 1e9;
            say(String.format("t=%5.1fs  %s", at, fault.name()));
            fault.action().run();
            double recovered = (System.nanoTime() - start) / 1e9 - at;
            injected.add(new Injected(at, fault.name(), recovered));
            if (!size.allFaults() && next == cycle.size()) {
                break;
            }
        }
        loader.join();
        if (loadFailure.get() != null) {
            throw new IllegalStateException("the load failed", loadFailure.get());
        }
        Map<String, ChaosLoad.Sent> orders = sent.get();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        orders.values().forEach(s -> accepted.addAll(s.orderIds));
        say(String.format("load done after %.0f s: %d accepted, %d refused; waiting for every order to end",
                (System.nanoTime() - start) / 1e9, accepted.size(),
                orders.values().stream().filter(ChaosLoad.Sent::refused).count()));
        long settleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(size.settleSeconds());
        while (accepted.stream().anyMatch(id -> watcher.track(id).terminal == 0)
                && System.nanoTime() < settleDeadline) {
            TimeUnit.SECONDS.sleep(1);
        }
        watcher.close();
        // Records published by a stage retry after the last terminal status (e.g. a
        // republished status) count too.
        TimeUnit.SECONDS.sleep(3);

        CardDataAudit cardData = new CardDataAudit(cards.byBehaviour().values());
        ChaosAudit.Evidence evidence = evidence(orders, cardData);
        List<ChaosAudit.Row> rows = new ArrayList<>(ChaosAudit.check(evidence));
        searchForCards(cardData);
        rows.add(cardData.row());
        say("searched for the test cards' numbers: " + cardData.searched());
        report(orders, rows, evidence);
        return ChaosAudit.violations(rows) == 0;
    }

    /**
     * The faults of one cycle, in order. The CI size runs one kill of each role and one
     * broker restart; with replicas, its cycle once.
     */
    private List<Fault> cycle() {
        if (size.replicas()) {
            return List.of(
                    new Fault("SIGTERM transactions-2, down " + REPLICA_DOWN_SECONDS + " s",
                            () -> down("app-transactions-2", "TERM", REPLICA_DOWN_SECONDS)),
                    new Fault("SIGTERM email-2, down " + REPLICA_DOWN_SECONDS + " s",
                            () -> down("app-email-2", "TERM", REPLICA_DOWN_SECONDS)),
                    new Fault("SIGKILL transactions-1 (charges in flight)", () -> kill("app-transactions-1")),
                    new Fault("SIGKILL email-1 (mails in flight)", () -> kill("app-email-1")));
        }
        List<Fault> all = new ArrayList<>(
                List.of(new Fault("SIGKILL transactions (charges in flight)", () -> kill("app-transactions")),
                        new Fault("SIGKILL email (mails in flight)", () -> kill("app-email")),
                        new Fault("SIGKILL api", () -> kill("app-api")),
                        new Fault("SIGKILL Kafka broker", () -> kill("kafka"))));
        if (size.allFaults()) {
            all.addAll(
                    List.of(new Fault("bank down " + OUTAGE_SECONDS + " s", () -> down("bank", "KILL", OUTAGE_SECONDS)),
                            new Fault("SMTP down " + OUTAGE_SECONDS + " s",
                                    () -> down("maildev", "KILL", OUTAGE_SECONDS)),
                            new Fault("bank slow " + OUTAGE_SECONDS + " s (+3 s per answer)", this::slowBank),
                            new Fault("rolling restart (SIGTERM api, transactions, email)", this::rollingRestart)));
        }
        return all;
    }

    private void kill(String part) throws Exception {
        faults.signal(part, "KILL");
        faults.awaitReady(part, BACK);
    }

    /**
     * Stops a part with {@code signal} and keeps it down for {@code seconds} before the
     * runner starts it again.
     */
    private void down(String part, String signal, int seconds) throws Exception {
        faults.hold(part);
        try {
            faults.signal(part, signal);
            TimeUnit.SECONDS.sleep(seconds);
        }
        finally {
            faults.release(part);
        }
        faults.awaitReady(part, BACK);
    }

    private void slowBank() throws Exception {
        faults.bankDelay(3000);
        try {
            TimeUnit.SECONDS.sleep(OUTAGE_SECONDS);
        }
        finally {
            faults.bankDelay(0);
        }
    }

    private void rollingRestart() throws Exception {
        for (String role : List.of("app-api", "app-transactions", "app-email")) {
            faults.signal(role, "TERM");
            // The old process leaves readiness first: wait for the new one, not the
            // draining one.
            TimeUnit.SECONDS.sleep(1);
            faults.awaitReady(role, BACK);
        }
    }

    private ChaosAudit.Evidence evidence(Map<String, ChaosLoad.Sent> sent, CardDataAudit cardData) throws Exception {
        Set<String> ordersOnTopic = ConcurrentHashMap.newKeySet();
        Map<String, List<String>> statuses = new HashMap<>();
        Map<String, List<String>> deadLetters = new HashMap<>();
        Map<String, java.util.function.Consumer<ConsumerRecord<String, String>>> evidenceOf = new HashMap<>();
        evidenceOf.put("order", record -> ordersOnTopic.add(record.key()));
        evidenceOf.put("order_status", record -> {
            if (record.value() != null) {
                statuses.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(field(record.value(), "status"));
            }
        });
        for (String topic : List.of("order.DLT", "order_confirm.DLT", "order_declined.DLT")) {
            evidenceOf.put(topic,
                    record -> deadLetters.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(topic));
        }
        // Every topic is read once: each record searched for card numbers, and kept as
        // evidence where it is some.
        for (String topic : topics()) {
            java.util.function.Consumer<ConsumerRecord<String, String>> evidence = evidenceOf.getOrDefault(topic,
                    record -> {
                    });
            readTopic(topic, record -> {
                searchForCards(cardData, topic, record);
                evidence.accept(record);
            });
        }
        Map<String, ChaosAudit.Payment> payments = new HashMap<>();
        for (JsonNode payment : getJson(faults.url("bank") + "/__admin/payments")) {
            payments.put(payment.path("idempotencyKey").asText(),
                    new ChaosAudit.Payment(payment.path("status").asText(), payment.path("replays").asInt()));
        }
        Map<String, Integer> mails = new HashMap<>();
        for (JsonNode mail : getJson(faults.url("inbox") + "/api/email")) {
            String messageId = mail.path("messageId").asText("");
            if (messageId.isEmpty()) {
                messageId = mail.path("headers").path("message-id").asText("");
            }
            String local = messageId.replaceAll("^<|@.*$", "");
            mails.merge(local, 1, Integer::sum);
            if (mail.hasNonNull("time")) {
                mailTimes.computeIfAbsent(local, k -> new ArrayList<>()).add(Instant.parse(mail.path("time").asText()));
            }
        }
        List<String> accepted = sent.values().stream().flatMap(s -> s.orderIds.stream()).distinct().toList();
        Map<String, Map<String, ChaosAudit.View>> views = views(accepted, cardData);
        return new ChaosAudit.Evidence(sent, ordersOnTopic, statuses, deadLetters, payments, mails,
                size.replicas() ? views : Map.of());
    }

    /**
     * Searches what the run left for the card numbers it paid with (CardDataAudit),
     * beside the status answers {@link #views} and the topic records {@link #evidence}
     * searched as they read them: every line of the stack's logs and of the bank mock's
     * state file, and every mail in the inbox as MailDev keeps it.
     */
    private void searchForCards(CardDataAudit cardData) throws Exception {
        for (Path file : files(stack.resolve("logs"), stack.resolve("bank"))) {
            String name = stack.relativize(file).toString();
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                int number = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    cardData.search(CardDataAudit.Source.LOGS, name + ":" + ++number, line);
                }
            }
        }
        for (Path mail : files(stack.resolve("inbox"))) {
            cardData.search(CardDataAudit.Source.MAILS, stack.relativize(mail).toString(),
                    CardDataAudit.mailText(Files.readAllBytes(mail)));
        }
    }

    /**
     * One record of {@code topic}, its key, value and headers, searched for card numbers
     * (dead-letter topics apart).
     */
    private static void searchForCards(CardDataAudit cardData, String topic, ConsumerRecord<String, String> record) {
        CardDataAudit.Source source = topic.endsWith(".DLT") ? CardDataAudit.Source.DLT : CardDataAudit.Source.TOPICS;
        StringBuilder text = new StringBuilder().append(record.key()).append('\n').append(record.value());
        record.headers()
            .forEach(header -> text.append('\n')
                .append(header.key())
                .append('=')
                .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.ISO_8859_1)));
        cardData.search(source, topic + "/" + record.partition() + "@" + record.offset(), text.toString());
    }

    /**
     * What each api process answers for every accepted order (GET /orders/{id} on the
     * process itself): process → orderId → status and history length, an order it
     * answered 404 for left out. Each answer's body is searched for card numbers as it
     * comes.
     */
    private Map<String, Map<String, ChaosAudit.View>> views(List<String> accepted, CardDataAudit cardData)
            throws IOException, InterruptedException {
        Map<String, Map<String, ChaosAudit.View>> views = new TreeMap<>();
        Map<String, String> apis = size.replicas() ? faults.replicas("api") : Map.of("api", faults.url("app"));
        for (Map.Entry<String, String> replica : apis.entrySet()) {
            Map<String, ChaosAudit.View> view = new HashMap<>();
            for (String orderId : accepted) {
                String url = replica.getValue() + "/orders/" + orderId;
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                cardData.search(CardDataAudit.Source.STATUS, "GET " + url, response.body());
                if (response.statusCode() == 200) {
                    JsonNode order = json.readTree(response.body());
                    view.put(orderId, new ChaosAudit.View(order.path("status").asText(), order.path("history").size()));
                }
                else if (response.statusCode() != 404) {
                    throw new IOException(url + " answered " + response.statusCode());
                }
            }
            views.put(replica.getKey(), view);
        }
        return views;
    }

    private String field(String value, String name) {
        try {
            return json.readTree(value).path(name).asText();
        }
        catch (IOException e) {
            return "UNREADABLE";
        }
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    /** Every file below these directories (those that exist), in name order. */
    private static List<Path> files(Path... dirs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    /** Every topic of the broker, internal ones apart. */
    private Set<String> topics() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            return new TreeSet<>(consumer.listTopics(Duration.ofSeconds(30)).keySet());
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = faults.kafkaClient();
        props.putAll(Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"));
        return props;
    }

    /**
     * Every record of {@code topic} from its beginning to its end now (none if the topic
     * does not exist).
     */
    private void readTopic(String topic, java.util.function.Consumer<ConsumerRecord<String, String>> each) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(30))
                .getOrDefault(topic, List.of())
                .stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }

    private void report(Map<String, ChaosLoad.Sent> orders, List<ChaosAudit.Row> rows, ChaosAudit.Evidence evidence)
            throws IOException {
        long accepted = orders.values().stream().filter(s -> !s.orderIds.isEmpty()).count();
        long refused = orders.values().stream().filter(ChaosLoad.Sent::refused).count();
        long retried = orders.values().stream().filter(ChaosLoad.Sent::retried).count();
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                "%nmake chaos (%s): %d orders sent, %d accepted (%d after retries with the same key),"
                        + " %d refused%n",
                size.replicas() ? "replicas, " + size.name() : size.name(), orders.size(), accepted, retried, refused));
        if (refused > 0) {
            Map<Integer, Long> byStatus = new TreeMap<>();
            orders.values()
                .stream()
                .filter(ChaosLoad.Sent::refused)
                .forEach(s -> byStatus.merge(s.lastStatus, 1L, Long::sum));
            table.append("refused, by last answer (0 = none): ").append(byStatus).append('\n');
        }
        if (size.replicas()) {
            table.append(String.format(
                    "sent at once through the site and to each api replica (%s): %d orders; copies"
                            + " given up on without a 202 although another copy got one: %d%n",
                    faults.replicas("api").keySet(), orders.values().stream().filter(s -> s.copies > 1).count(),
                    orders.values().stream().filter(s -> !s.refused()).mapToInt(s -> s.givenUp.get()).sum()));
        }
        table.append(String.format("faults injected: %d%n", injected.size()));
        for (Injected fault : injected) {
            table.append(String.format("  t=%6.1fs  %-52s back after %5.1f s%n", fault.atSeconds(), fault.fault(),
                    fault.recoveredAfterSeconds()));
        }
        table.append("outcomes by card: ").append(ChaosAudit.outcomesByCard(evidence)).append('\n');
        table.append("invariants:\n").append(ChaosAudit.describe(rows)).append('\n');
        table.append(mailedTwice(rows));
        long violations = ChaosAudit.violations(rows);
        table.append(violations == 0 ? "zero violations\n" : violations + " VIOLATIONS\n");
        System.out.print(table);
        Files.createDirectories(out);
        Files.writeString(out.resolve("chaos.txt"), table.toString());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("size", size);
        results.put("faults", injected);
        results.put("sent", orders.size());
        results.put("accepted", accepted);
        results.put("refused", refused);
        results.put("invariants", rows);
        json.writeValue(out.resolve("chaos.json").toFile(), results);
    }

    /**
     * When each mail sent more than once reached the inbox, in seconds into the load (to
     * set beside the faults).
     */
    private String mailedTwice(List<ChaosAudit.Row> rows) {
        StringBuilder lines = new StringBuilder();
        rows.stream()
            .filter(r -> r.invariant().equals("at most one mail per order and outcome"))
            .flatMap(r -> r.violations().stream())
            .forEach(mail -> lines.append(String.format("  %s mailed at %s%n", mail,
                    mailTimes.getOrDefault(mail, List.of())
                        .stream()
                        .sorted()
                        .map(at -> String.format("t=%.1fs", (at.toEpochMilli() - loadStartMillis) / 1e3))
                        .collect(Collectors.joining(", ")))));
        return lines.isEmpty() ? "" : "mails sent more than once, and when:\n" + lines;
    }

    private static void say(String message) {
        System.out.println("[chaos] " + message);
    }

}
