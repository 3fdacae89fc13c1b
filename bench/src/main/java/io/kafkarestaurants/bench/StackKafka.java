package io.kafkarestaurants.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The Kafka client settings of the harness's own clients, from the stack's
 * stack.properties: its broker ({@code kafka}) and, when local/run.sh runs it with
 * LOCAL_STACK_SECURE=1, the runner's admin user's settings ({@code kafka.admin.config}:
 * SASL/SCRAM, its password; a file of mode 600), so the harness reads every topic as on a
 * plain broker while each role is held to its own ACLs.
 */
final class StackKafka {

    private StackKafka() {
    }

    static Map<String, Object> client(Properties where) throws IOException {
        Map<String, Object> client = new HashMap<>();
        String config = where.getProperty("kafka.admin.config");
        if (config != null) {
            Properties admin = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(config))) {
                admin.load(in);
            }
            admin.stringPropertyNames().forEach(name -> client.put(name, admin.getProperty(name)));
        }
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, where.getProperty("kafka"));
        return client;
    }

}
