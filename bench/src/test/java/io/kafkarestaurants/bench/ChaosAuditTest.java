package io.kafkarestaurants.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each invariant of make chaos finds the order that breaks it, and only that one. */
class ChaosAuditTest {

    /**
     * A run of three orders that kept every invariant: one confirmed, one declined, one
     * failed at the bank; two api replicas answer the same for each.
     */
    private static final class Run {

        final Map<String, ChaosLoad.Sent> sent = new HashMap<>();

        final Set<String> onTopic = new HashSet<>(Set.of("o1", "o2", "o3"));

        final Map<String, List<String>> statuses = new HashMap<>(Map.of("o1", List.of("RECEIVED", "PAID", "CONFIRMED"),
                "o2", List.of("RECEIVED", "DECLINED", "DECLINED"), "o3", List.of("RECEIVED", "FAILED")));

        final Map<String, List<String>> deadLetters = new HashMap<>(Map.of("o3", List.of("order.DLT")));

        final Map<String, ChaosAudit.Payment> payments = new HashMap<>(
                Map.of("o1", new ChaosAudit.Payment("APPROVED", 1), "o2", new ChaosAudit.Payment("DECLINED", 0)));

        final Map<String, Integer> mails = new HashMap<>(Map.of("o1.paid", 1, "o2.declined", 1));

        final Map<String, Map<String, ChaosAudit.View>> views = new TreeMap<>(
                Map.of("api-1", new HashMap<>(), "api-2", new HashMap<>()));

        Run() {
            sent("k1", "approved", "o1");
            sent("k2", "declined", "o2");
            sent("k3", "processing-error", "o3");
            known("o1", "CONFIRMED", 3);
            known("o2", "DECLINED", 2);
            known("o3", "FAILED", 2);
        }

        /** Every api replica answers this for the order. */
        void known(String orderId, String status, int history) {
            views.values().forEach(view -> view.put(orderId, new ChaosAudit.View(status, history)));
        }

        void sent(String key, String card, String... orderIds) {
            ChaosLoad.Sent one = new ChaosLoad.Sent(key, card);
            one.orderIds.addAll(List.of(orderIds));
            sent.put(key, one);
        }

        List<ChaosAudit.Row> rows() {
            return ChaosAudit
                .check(new ChaosAudit.Evidence(sent, onTopic, statuses, deadLetters, payments, mails, views));
        }

        Map<String, List<String>> violations() {
            return rows().stream()
                .filter(r -> !r.violations().isEmpty())
                .collect(Collectors.toMap(ChaosAudit.Row::invariant, ChaosAudit.Row::violations));
        }

    }

    private static Map<String, List<String>> violationsAfter(Consumer<Run> breakIt) {
        Run run = new Run();
        breakIt.accept(run);
        return run.violations();
    }

    @Test
    void aRunThatKeptEveryInvariantHasNoViolation() {
        assertThat(new Run().violations()).isEmpty();
    }

    @Test
    void aRetryThatBecameASecondOrderAndASecondChargeIsFound() {
        assertThat(violationsAfter(run -> {
            run.sent("k1", "approved", "o1", "o4");
            run.onTopic.add("o4");
            run.statuses.put("o4", List.of("RECEIVED", "PAID", "CONFIRMED"));
            run.payments.put("o4", new ChaosAudit.Payment("APPROVED", 0));
            run.mails.put("o4.paid", 1);
            run.known("o4", "CONFIRMED", 3);
        })).containsOnlyKeys("one order per Idempotency-Key, whatever the retries",
                "at most one approved charge per Idempotency-Key");
    }

    @Test
    void lostStuckAndDoublyEndedOrdersAreFound() {
        assertThat(violationsAfter(run -> run.onTopic.remove("o2")))
            .containsOnlyKeys("every 202 is on the order topic");
        assertThat(violationsAfter(run -> run.statuses.put("o1", List.of("RECEIVED", "PAID"))))
            .containsKeys("every accepted order reached a terminal state");
        assertThat(violationsAfter(run -> run.statuses.put("o3", List.of("RECEIVED", "FAILED", "PAID", "CONFIRMED"))))
            .containsKey("no order reached two terminal states");
        assertThat(violationsAfter(run -> run.statuses.put("o1", List.of("RECEIVED", "PAID", "CONFIRMED", "PAID"))))
            .containsOnlyKeys("order_status ends on the terminal state (what compaction keeps)");
    }

    @Test
    void chargesMailsAndDeadLettersThatShouldNotBeAreFound() {
        assertThat(violationsAfter(run -> run.payments.put("o3", new ChaosAudit.Payment("APPROVED", 2))))
            .containsOnlyKeys("no FAILED order the bank charged");
        assertThat(violationsAfter(run -> run.payments.remove("o1")))
            .containsOnlyKeys("every PAID order was charged by the bank");
        assertThat(violationsAfter(run -> run.mails.put("o1.paid", 2)))
            .containsOnlyKeys("at most one mail per order and outcome");
        assertThat(violationsAfter(run -> run.mails.remove("o1.paid")))
            .containsOnlyKeys("a confirmation mail for every CONFIRMED order");
        assertThat(violationsAfter(run -> run.deadLetters.put("o1", List.of("order_confirm.DLT"))))
            .containsOnlyKeys("nothing on a dead-letter topic that should not be");
        assertThat(violationsAfter(run -> run.deadLetters.put("o2", List.of("order_declined.DLT")))).isEmpty();
        assertThat(violationsAfter(run -> run.deadLetters.remove("o3")))
            .containsOnlyKeys("every FAILED order's record is on a dead-letter topic");
    }

    @Test
    void apiReplicasThatDisagreeOrDoNotKnowAnOrderAreFound() {
        String same = "the api replicas answer the same status and history";
        String terminal = "the api replicas answer the order's terminal state";
        assertThat(violationsAfter(run -> run.views.get("api-2").put("o1", new ChaosAudit.View("PAID", 2))))
            .containsOnly(entry(same, List.of("o1 api-1=CONFIRMED/3 api-2=PAID/2")),
                    entry(terminal, List.of("o1 api-1=CONFIRMED/3 api-2=PAID/2")));
        assertThat(violationsAfter(run -> run.views.get("api-1").put("o2", new ChaosAudit.View("DECLINED", 3))))
            .containsOnly(entry(same, List.of("o2 api-1=DECLINED/3 api-2=DECLINED/2")));
        assertThat(violationsAfter(run -> run.views.get("api-2").remove("o3"))).containsOnly(
                entry("every api replica knows every order", List.of("o3 api-1=FAILED/2 api-2=404")),
                entry(same, List.of("o3 api-1=FAILED/2 api-2=404")));
        assertThat(violationsAfter(run -> run.known("o1", "PAID", 2))).containsOnlyKeys(terminal);
    }

    @Test
    void theReplicasAreCheckedOnlyWhenTheRunHadApiReplicas() {
        Run withReplicas = new Run();
        Run withOneApi = new Run();
        withOneApi.views.clear();
        assertThat(withReplicas.rows()).hasSize(15)
            .filteredOn(r -> r.invariant().contains("api replica"))
            .hasSize(3)
            .allMatch(r -> r.checked() == 3);
        assertThat(withOneApi.rows()).hasSize(12).noneMatch(r -> r.invariant().contains("api replica"));
    }

    @Test
    void theMixAddsUpAndEveryBehaviourHasATestCard() throws Exception {
        TestCards cards = TestCards.from(Path.of("..", "mocks", "bank", "mappings"));
        Map<String, Long> counts = java.util.stream.LongStream.range(0, 100)
            .mapToObj(ChaosLoad::behaviour)
            .collect(Collectors.groupingBy(b -> b, Collectors.counting()));
        ChaosLoad.MIX.forEach((behaviour, share) -> {
            assertThat(counts.get(behaviour)).as(behaviour).isEqualTo(share.longValue());
            assertThat(cards.card(behaviour)).matches("\\d{16}");
        });
    }

    @Test
    void threeOrdersInTenGoToEveryReplicaAndTheyPayWithEveryCard() {
        List<Long> onEveryReplica = java.util.stream.LongStream.range(0, 100)
            .filter(ChaosLoad::onEveryReplica)
            .boxed()
            .toList();
        assertThat(onEveryReplica).hasSize(ChaosLoad.ON_EVERY_REPLICA_PER_TEN * 10);
        assertThat(onEveryReplica.stream().map(ChaosLoad::behaviour).collect(Collectors.toSet()))
            .isEqualTo(ChaosLoad.MIX.keySet());
    }

}
