package io.kafkarestaurants.deploy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real KRaft broker (one combined node) that authenticates and authorizes as the
 * Strimzi cluster does: its client listener takes SASL only, the role users log in with
 * SCRAM-SHA-512, and the StandardAuthorizer allows nothing no ACL allows. The test's own
 * admin is a super user that logs in with PLAIN, whose one user is written in the
 * listener's JAAS line: on KRaft a SCRAM credential is a metadata record, so someone must
 * be able to log in before the first one exists (the local runner writes its admin's
 * SCRAM record when it formats the storage instead; the embedded test kit formats its
 * own). A role cannot log in with PLAIN: its users list has the admin only.
 */
final class ScramKafkaBroker implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String SCRAM = "SCRAM-SHA-512";

    private static final String PLAIN = "PLAIN";

    private static final String PROTOCOL = "SASL_PLAINTEXT";

    /**
     * A client call that the broker refuses answers at once; one that hangs must not hang
     * the test.
     */
    static final int CLIENT_TIMEOUT_MS = 5000;

    private static final String BROKERS_PROPERTY = "kafka-acl-it.brokers";

    private final String embeddedBrokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);

    private final String adminPassword = password();

    private final EmbeddedKafkaKraftBroker broker;

    ScramKafkaBroker() {
        Map<String, String> settings = new HashMap<>();
        // The test kit's listeners, on 127.0.0.1: EXTERNAL for the clients (and between
        // brokers), CONTROLLER for the
        // broker's registration with its controller, which stays PLAINTEXT as in
        // local/kafka/secure.properties.
        settings.put("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0");
        settings.put("listener.security.protocol.map", "EXTERNAL:" + PROTOCOL + ",CONTROLLER:PLAINTEXT");
        settings.put("sasl.enabled.mechanisms", PLAIN + "," + SCRAM);
        settings.put("sasl.mechanism.inter.broker.protocol", PLAIN);
        settings.put("listener.name.external.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";");
        settings.put("listener.name.external.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("allow.everyone.if.no.acl.found", "false");
        // ANONYMOUS: the PLAINTEXT controller listener's principal, as which the broker
        // registers (ClusterAction).
        settings.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        settings.put("auto.create.topics.enable", "false");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(settings);
        // The test kit publishes its address as system properties, which the Spring tests
        // after this one in the same
        // JVM would read (spring.kafka.bootstrap-servers over application.yaml): under a
        // name of its own, and the
        // shared one is put back on close.
        broker.brokerListProperty(BROKERS_PROPERTY);
        broker.afterPropertiesSet();
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** The client settings of the test's super user. */
    Map<String, Object> admin() {
        return client(PLAIN, "org.apache.kafka.common.security.plain.PlainLoginModule", ADMIN, adminPassword);
    }

    /**
     * The client settings of a SCRAM user, as a role's Deployment sets them (helm:
     * kafka-restaurants.kafkaEnv).
     */
    Map<String, Object> scramUser(String user, String password) {
        return client(SCRAM, "org.apache.kafka.common.security.scram.ScramLoginModule", user, password);
    }

    static String password() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private Map<String, Object> client(String mechanism, String loginModule, String user, String password) {
        Map<String, Object> client = new HashMap<>();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL);
        client.put(SaslConfigs.SASL_MECHANISM, mechanism);
        client.put(SaslConfigs.SASL_JAAS_CONFIG,
                loginModule + " required username=\"" + user + "\" password=\"" + password + "\";");
        client.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, CLIENT_TIMEOUT_MS - 1000);
        return client;
    }

    @Override
    public void close() {
        broker.destroy();
        System.clearProperty(BROKERS_PROPERTY);
        if (embeddedBrokers == null) {
            System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        }
        else {
            System.setProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, embeddedBrokers);
        }
    }

}
