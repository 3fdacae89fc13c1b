package io.kafkarestaurants.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lifecycle invariants of shared/DESIGN.md, checked after {@code make chaos} from
 * what the stack itself kept: the topics, the bank mock's payments and the inbox, and
 * with api replicas what each of them answers. Pure: {@link #check} takes the evidence
 * and names, per invariant, the orders that break it.
 */
final class ChaosAudit {

    static final Set<String> TERMINAL = Set.of("CONFIRMED", "DECLINED", "FAILED");

    /** The bank's record of one payment (GET /__admin/payments of the bank mock). */
    record Payment(String status, int replays) {
    }

    /**
     * What one api replica answers for an order (GET /orders/{id}): its status and the
     * length of its history.
     */
    record View(String status, int history) {

        @Override
        public String toString() {
            return status + "/" + history;
        }
    }

    /**
     * What the run left behind. {@code statuses}: orderId → statuses in log order on
     * order_status; {@code deadLetters}: orderId → the DLT topics its records are on;
     * {@code payments}: Idempotency-Key the transactions stage charged with (the orderId)
     * → payment; {@code mails}: Message-ID local part ({@code <orderId>.<outcome>}) →
     * mails in the inbox; {@code views}: api replica → orderId → what it answers (an
     * order it answered 404 for is absent), empty when the stack ran one api process.
     */
    record Evidence(Map<String, ChaosLoad.Sent> sent, Set<String> ordersOnTopic, Map<String, List<String>> statuses,
            Map<String, List<String>> deadLetters, Map<String, Payment> payments, Map<String, Integer> mails,
            Map<String, Map<String, View>> views) {

        List<String> accepted() {
            return sent.values().stream().flatMap(s -> s.orderIds.stream()).distinct().sorted().toList();
        }

        List<String> terminals(String orderId) {
            return statuses.getOrDefault(orderId, List.of()).stream().filter(TERMINAL::contains).distinct().toList();
        }

        boolean charged(String orderId) {
            Payment payment = payments.get(orderId);
            return payment != null && payment.status().equals("APPROVED");
        }
    }

    /** One invariant: how many cases it was checked on, and the ones that break it. */
    record Row(String invariant, int checked, List<String> violations) {
    }

    private ChaosAudit() {
    }

    static List<Row> check(Evidence e) {
        List<String> accepted = e.accepted();
        List<Row> rows = new ArrayList<>();
        rows.add(row("one order per Idempotency-Key, whatever the retries",
                e.sent().values().stream().filter(s -> !s.orderIds.isEmpty()).toList(), s -> s.orderIds.size() > 1,
                s -> s.key + "->" + s.orderIds));
        rows.add(row("every 202 is on the order topic", accepted, id -> !e.ordersOnTopic().contains(id)));
        rows.add(row("every accepted order reached a terminal state", accepted, id -> e.terminals(id).isEmpty()));
        rows.add(row("no order reached two terminal states", accepted, id -> e.terminals(id).size() > 1));
        rows.add(row("order_status ends on the terminal state (what compaction keeps)", accepted, id -> {
            List<String> all = e.statuses().getOrDefault(id, List.of());
            return e.terminals(id).size() == 1 && !all.get(all.size() - 1).equals(e.terminals(id).get(0));
        }));
        rows.add(row("at most one approved charge per Idempotency-Key",
                e.sent().values().stream().filter(s -> !s.orderIds.isEmpty()).toList(),
                s -> s.orderIds.stream().filter(e::charged).count() > 1, s -> s.key));
        rows.add(row("no FAILED order the bank charged", accepted,
                id -> e.terminals(id).contains("FAILED") && e.charged(id)));
        rows.add(row("every PAID order was charged by the bank", accepted,
                id -> e.statuses().getOrDefault(id, List.of()).contains("PAID") && !e.charged(id)));
        rows.add(row("at most one mail per order and outcome", List.copyOf(e.mails().keySet()),
                mail -> e.mails().get(mail) > 1));
        rows.add(row("a confirmation mail for every CONFIRMED order", accepted,
                id -> e.terminals(id).contains("CONFIRMED") && !e.mails().containsKey(id + ".paid")));
        rows.add(row("nothing on a dead-letter topic that should not be", List.copyOf(e.deadLetters().keySet()),
                id -> !deadLetterExpected(e, id)));
        rows.add(row("every FAILED order's record is on a dead-letter topic", accepted,
                id -> e.terminals(id).equals(List.of("FAILED")) && !e.deadLetters().containsKey(id)));
        if (!e.views().isEmpty()) {
            rows.addAll(replicasAgree(e, accepted));
        }
        return rows;
    }

    /**
     * With api replicas, after the run: each of them knows every order (a 404 is a view
     * that lost or never read it), all answer the same status and history, and that
     * status is the order's terminal state.
     */
    private static List<Row> replicasAgree(Evidence e, List<String> accepted) {
        Function<String, List<View>> answers = id -> e.views().values().stream().map(view -> view.get(id)).toList();
        Function<String, String> named = id -> id + e.views()
            .entrySet()
            .stream()
            .map(replica -> " " + replica.getKey() + "="
                    + (replica.getValue().containsKey(id) ? replica.getValue().get(id) : "404"))
            .collect(Collectors.joining());
        return List.of(
                row("every api replica knows every order", accepted, id -> answers.apply(id).contains(null), named),
                row("the api replicas answer the same status and history", accepted,
                        id -> answers.apply(id).stream().distinct().count() > 1, named),
                row("the api replicas answer the order's terminal state", accepted,
                        id -> e.terminals(id).size() == 1 && answers.apply(id)
                            .stream()
                            .anyMatch(view -> view != null && !view.status().equals(e.terminals(id).get(0))),
                        named));
    }

    /**
     * A record belongs on a DLT when its order was given up on (FAILED), or when a
     * declined order's mail was (the order stays DECLINED, its record goes to
     * order_declined.DLT).
     */
    private static boolean deadLetterExpected(Evidence e, String orderId) {
        List<String> terminals = e.terminals(orderId);
        if (terminals.equals(List.of("FAILED"))) {
            return true;
        }
        return terminals.equals(List.of("DECLINED"))
                && e.deadLetters().get(orderId).stream().allMatch(topic -> topic.startsWith("order_declined"));
    }

    /**
     * How each card's orders ended: card → terminal state (or NONE) → orders.
     * Informational.
     */
    static Map<String, Map<String, Long>> outcomesByCard(Evidence e) {
        Map<String, Map<String, Long>> table = new LinkedHashMap<>();
        e.sent().values().stream().filter(s -> !s.orderIds.isEmpty()).forEach(s -> {
            String id = s.orderIds.iterator().next();
            List<String> terminals = e.terminals(id);
            String end = terminals.isEmpty() ? "NONE" : String.join("+", terminals);
            table.computeIfAbsent(s.card, c -> new LinkedHashMap<>()).merge(end, 1L, Long::sum);
        });
        return table;
    }

    private static Row row(String invariant, List<String> cases, Predicate<String> breaks) {
        return row(invariant, cases, breaks, id -> id);
    }

    private static <T> Row row(String invariant, List<T> cases, Predicate<T> breaks, Function<T, String> name) {
        return new Row(invariant, cases.size(), cases.stream().filter(breaks).map(name).sorted().toList());
    }

    static long violations(List<Row> rows) {
        return rows.stream().mapToLong(r -> r.violations().size()).sum();
    }

    static String describe(List<Row> rows) {
        int width = rows.stream().mapToInt(r -> r.invariant().length()).max().orElse(10);
        return rows.stream()
            .map(r -> String.format("  %-" + width + "s  %7d checked  %5d violations%s", r.invariant(), r.checked(),
                    r.violations().size(),
                    r.violations().isEmpty() ? ""
                            : "  e.g. " + Stream.of(r.violations().toArray(String[]::new))
                                .limit(3)
                                .collect(Collectors.joining(", "))))
            .collect(Collectors.joining("\n"));
    }

}
