package io.kafkarestaurants.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.RequestRefusedException;
import io.kafkarestaurants.order.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bounds of a run of test orders, one run at a time, off in production, and a run
 * that sends what it said.
 */
class TestOrdersTest {

    static final FlowProperties.TestOrders ON = settings(true, Orders.VISA, Orders.DECLINED_VISA);

    private final List<Double> placed = new CopyOnWriteArrayList<>();

    private final AtomicInteger ids = new AtomicInteger();

    private TestOrders testOrders = testOrders(ON);

    @AfterEach
    void close() {
        testOrders.close();
    }

    @Test
    void aRunPlacesExactlyCountOrdersThroughIntakeAndKeepsTheirIds() {
        TestOrderRun started = testOrders.start("{\"count\": 12, \"ratePerSecond\": 20, \"declineShare\": 0.25}");

        assertThat(started.state()).isEqualTo(TestOrderRun.RUNNING);
        assertThat(started.requested()).isEqualTo(12);
        await().atMost(Duration.ofSeconds(10)).until(() -> testOrders.state().run().state().equals(TestOrderRun.DONE));
        TestOrderRun done = testOrders.state().run();
        assertThat(placed).hasSize(12).containsOnly(0.25);
        assertThat(done.sent()).isEqualTo(12);
        assertThat(done.accepted()).isEqualTo(12);
        assertThat(done.refused()).isZero();
        assertThat(done.lastOrderIds()).hasSize(TestOrders.LAST_ORDER_IDS).last().isEqualTo("order-12");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|',
            value = { "{\"count\": 0, \"ratePerSecond\": 5}|count", "{\"count\": 501, \"ratePerSecond\": 5}|count",
                    "{\"count\": 2.5, \"ratePerSecond\": 5}|count", "{\"ratePerSecond\": 5}|count",
                    "{\"count\": 10, \"ratePerSecond\": 0.05}|ratePerSecond",
                    "{\"count\": 10, \"ratePerSecond\": 21}|ratePerSecond",
                    "{\"count\": 10, \"ratePerSecond\": \"fast\"}|ratePerSecond",
                    "{\"count\": 10, \"ratePerSecond\": 5, \"declineShare\": 1.5}|declineShare",
                    "{\"count\": 10, \"ratePerSecond\": 5, \"declineShare\": -0.1}|declineShare", "[1, 2]|body",
                    "{\"count\": |body" })
    void outOfBoundsIsA400NamingTheField(String body, String field) {
        assertThatThrownBy(() -> testOrders.start(body)).isInstanceOfSatisfying(RequestRefusedException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).extracting(FieldError::field).containsExactly(field);
        });
        assertThat(testOrders.state().run()).isNull();
    }

    @Test
    void aSecondRunWhileOneIsInProgressIsA409AndStopEndsIt() {
        testOrders.start("{\"count\": 100, \"ratePerSecond\": 0.1}");

        assertThatThrownBy(() -> testOrders.start("{\"count\": 1, \"ratePerSecond\": 1}"))
            .isInstanceOfSatisfying(RequestRefusedException.class, e -> assertThat(e.status()).isEqualTo(409));

        testOrders.stop();
        assertThat(testOrders.state().run().state()).isEqualTo(TestOrderRun.STOPPED);
        assertThat(testOrders.start("{\"count\": 1, \"ratePerSecond\": 1}").state()).isEqualTo(TestOrderRun.RUNNING);
    }

    @Test
    void inProductionModeTestOrdersAre404AndShownOff() {
        testOrders.close();
        testOrders = testOrders(settings(false, Orders.VISA, Orders.DECLINED_VISA));

        assertThatThrownBy(() -> testOrders.start("{\"count\": 1, \"ratePerSecond\": 1}"))
            .isInstanceOfSatisfying(RequestRefusedException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(testOrders::stop).isInstanceOfSatisfying(RequestRefusedException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThat(testOrders.state().enabled()).isFalse();
        assertThat(placed).isEmpty();
    }

    @Test
    void withoutTestCardsARunIsRefusedNamingTheSettings() {
        testOrders.close();
        testOrders = testOrders(settings(true, "", ""));

        assertThatThrownBy(() -> testOrders.start("{\"count\": 1, \"ratePerSecond\": 1}"))
            .isInstanceOfSatisfying(RequestRefusedException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.getMessage()).contains("restaurants.flow.test-orders.approved-card",
                        "FLOW_TEST_ORDERS_DECLINED_CARD");
            });
        assertThat(testOrders.state().enabled()).isFalse();
    }

    @Test
    void ordersIntakeRefusesAreCountedAsRefused() {
        testOrders.close();
        testOrders = new TestOrders(ON, share -> new TestOrders.Placed(503, null), Orders.mapper(), Orders.clock());

        testOrders.start("{\"count\": 3, \"ratePerSecond\": 20}");

        await().atMost(Duration.ofSeconds(10)).until(() -> testOrders.state().run().state().equals(TestOrderRun.DONE));
        assertThat(testOrders.state().run().refused()).isEqualTo(3);
        assertThat(testOrders.state().run().lastOrderIds()).isEmpty();
    }

    private TestOrders testOrders(FlowProperties.TestOrders settings) {
        return new TestOrders(settings, share -> {
            placed.add(share);
            return new TestOrders.Placed(202, "order-" + ids.incrementAndGet());
        }, Orders.mapper(), Orders.clock());
    }

    static FlowProperties.TestOrders settings(boolean enabled, String approved, String declined) {
        return new FlowProperties.TestOrders(enabled, 500, 20, approved, declined,
                "test-orders@kafka-restaurants.local");
    }

}
