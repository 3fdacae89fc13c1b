package io.kafkarestaurants.support;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Route tests of a consuming stage: records come in on a direct: endpoint, every Kafka
 * producer is a mock.
 */
public final class StageRoutes {

    /**
     * The endpoint the dead-letter route's {@code toD kafka:${...}} is mocked as
     * (camel-kafka keeps it static).
     */
    public static final String DEAD_LETTER_MOCK = "mock:kafka:$%7BexchangeProperty.deadLetterTopic%7D";

    private StageRoutes() {
    }

    /**
     * Once per context: feeds {@code consumerRouteId} from {@code directUri} instead of
     * Kafka, mocks and skips every {@code kafka:} endpoint, checks the stage's idempotent
     * repository is the in-memory one, and starts Camel. Every time: resets the mocks,
     * the bank journal and the mailboxes.
     */
    public static void adviseAndStart(CamelContext context, String consumerRouteId, String directUri, String repository)
            throws Exception {
        if (!context.isStarted()) {
            if (!(context.getRegistry()
                .lookupByNameAndType(repository, IdempotentRepository.class) instanceof MemoryIdempotentRepository)) {
                throw new IllegalStateException(repository + " must be replaced by InMemoryIdempotency");
            }
            AdviceWith.adviceWith(context, consumerRouteId, a -> {
                a.replaceFromWith(directUri);
                a.mockEndpointsAndSkip("kafka:*");
            });
            context.start();
        }
        MockEndpoint.resetMocks(context);
        TestServers.reset();
    }

}
