package io.kafkarestaurants.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Ports nothing listens on: route tests point Kafka (or SMTP) there, so they can never
 * reach a real server.
 */
public final class ClosedPorts {

    private ClosedPorts() {
    }

    /** A loopback port that was free a moment ago and is closed now. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points the Kafka component (and Spring Kafka) at a closed port: a test that needs a
     * broker fails fast.
     */
    public static void noKafka(DynamicPropertyRegistry registry) {
        int port = closedPort();
        registry.add("camel.component.kafka.brokers", () -> "127.0.0.1:" + port);
    }

}
