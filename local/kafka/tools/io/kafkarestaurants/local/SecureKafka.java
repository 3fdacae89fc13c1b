package io.kafkarestaurants.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The local runner's secure Kafka (LOCAL_STACK_SECURE=1 bash local/run.sh): SCRAM-SHA-512
 * users and their ACLs taken from strimzi/base/kafka-users.yaml, the datum the Strimzi
 * User Operator applies on a cluster, and the topics from strimzi/base/kafka-topics.yaml,
 * which the Topic Operator creates there (the roles may not create topics).
 *
 * <pre>
 *   SecureKafka prepare DIR USERS_YAML BOOTSTRAP   passwords (once per DIR) and the files made from them, below
 *   SecureKafka format DIR STORAGE-TOOL-ARGS...     Kafka's StorageTool format, with the admin's SCRAM credential
 *   SecureKafka apply DIR USERS_YAML TOPICS_YAML    as the admin: users, ACLs and topics on the running broker
 * </pre>
 *
 * DIR (mode 700, every file in it mode 600) holds {@code credentials.properties} (user =
 * password, made once, random), {@code broker.properties} (the super users and the client
 * listener's JAAS line, for the broker's server.properties), {@code admin.properties}
 * (the client settings of the super user, for the runner's and the harnesses' tools) and
 * {@code <role>.env} (the app's Kafka settings for one role, the environment variables
 * the Helm chart sets). No password reaches a command line or the output: StorageTool
 * runs in this process.
 */
public final class SecureKafka {

    /**
     * The super user of the local broker (super.users in broker.properties): the runner's
     * own admin.
     */
    static final String ADMIN = "admin";
    static final String MECHANISM = "SCRAM-SHA-512";

    private static final String PROTOCOL = "SASL_PLAINTEXT";

    private static final String ROLE_LABEL = "app.kubernetes.io/component";

    private static final int ITERATIONS = 4096;

    private static final int PASSWORD_LENGTH = 32;

    private static final String PASSWORD_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private SecureKafka() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: SecureKafka prepare|format|apply DIR ...");
        }
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "prepare" -> prepare(dir, Path.of(args[2]), args[3]);
            case "format" -> System.exit(format(dir, Arrays.copyOfRange(args, 2, args.length)));
            case "apply" -> apply(dir, Path.of(args[2]), Path.of(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /**
     * Makes the passwords the directory lacks (the admin's, each KafkaUser's) and writes
     * the files made from them.
     */
    static void prepare(Path dir, Path usersYaml, String bootstrap) throws IOException {
        Files.createDirectories(dir,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> roles = roles(usersYaml);
        Map<String, String> passwords = passwords(dir);
        int before = passwords.size();
        SecureRandom random = new SecureRandom();
        passwords.computeIfAbsent(ADMIN, name -> password(random));
        for (StrimziKafkaUsers.User user : StrimziKafkaUsers.read(usersYaml)) {
            passwords.computeIfAbsent(user.name(), name -> password(random));
        }
        if (passwords.size() != before) {
            write(dir.resolve("credentials.properties"),
                    passwords.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        // ANONYMOUS: the PLAINTEXT controller listener's principal, as which this node's
        // broker registers with its
        // controller (local/kafka/secure.properties).
        write(dir.resolve("broker.properties"), List.of("super.users=User:" + ADMIN + ";User:ANONYMOUS",
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + jaas(ADMIN, passwords)));
        write(dir.resolve("admin.properties"),
                List.of("bootstrap.servers=" + bootstrap, "security.protocol=" + PROTOCOL,
                        "sasl.mechanism=" + MECHANISM, "sasl.jaas.config=" + jaas(ADMIN, passwords)));
        for (Map.Entry<String, String> role : roles.entrySet()) {
            String jaas = jaas(role.getValue(), passwords);
            write(dir.resolve(role.getKey() + ".env"), List.of(
                    "# The " + role.getKey() + " role as KafkaUser " + role.getValue()
                            + " (helm: kafka-restaurants.kafkaEnv)",
                    "SPRING_KAFKA_ADMIN_AUTOCREATE=false", "CAMEL_COMPONENT_KAFKA_SECURITYPROTOCOL=" + PROTOCOL,
                    "SPRING_KAFKA_SECURITY_PROTOCOL=" + PROTOCOL, "CAMEL_COMPONENT_KAFKA_SASLMECHANISM=" + MECHANISM,
                    "CAMEL_COMPONENT_KAFKA_SASLJAASCONFIG='" + jaas + "'",
                    "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM=" + MECHANISM,
                    "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG='" + jaas + "'"));
        }
    }

    /**
     * Kafka's StorageTool format with the admin's SCRAM credential in the bootstrap
     * metadata (its exit status).
     */
    static int format(Path dir, String[] storageToolArgs) throws IOException {
        String password = passwords(dir).get(ADMIN);
        if (password == null) {
            throw new IllegalStateException("no admin password in " + dir.resolve("credentials.properties"));
        }
        List<String> args = new ArrayList<>(List.of("format"));
        args.addAll(List.of(storageToolArgs));
        args.addAll(List.of("--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + password + "]"));
        return kafka.tools.StorageTool.execute(args.toArray(String[]::new), System.out);
    }

    /**
     * As the admin: each KafkaUser's SCRAM credential (upserted, so a data directory made
     * before a user existed gets it), exactly the ACLs the file lists (those it no longer
     * lists are deleted, as the User Operator does, and so are users it no longer has),
     * and the topics the other file lists that do not exist yet, with its partitions and
     * settings and at most as many replicas as there are brokers; an existing topic gets
     * the settings the file lists.
     */
    static void apply(Path dir, Path usersYaml, Path topicsYaml) throws Exception {
        List<StrimziKafkaUsers.User> users = StrimziKafkaUsers.read(usersYaml);
        Properties client = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("admin.properties"))) {
            client.load(in);
        }
        Map<String, String> passwords = passwords(dir);
        try (Admin admin = Admin.create(client)) {
            Set<String> names = users.stream().map(StrimziKafkaUsers.User::name).collect(Collectors.toSet());
            List<UserScramCredentialAlteration> alterations = new ArrayList<>();
            for (String name : names) {
                alterations.add(new UserScramCredentialUpsertion(name,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), passwords.get(name)));
            }
            for (String existing : admin.describeUserScramCredentials().all().get().keySet()) {
                if (!names.contains(existing) && !existing.equals(ADMIN)) {
                    alterations.add(new UserScramCredentialDeletion(existing, ScramMechanism.SCRAM_SHA_512));
                }
            }
            admin.alterUserScramCredentials(alterations).all().get();

            Set<AclBinding> wanted = users.stream().flatMap(u -> u.acls().stream()).collect(Collectors.toSet());
            Collection<AclBinding> present = admin.describeAcls(AclBindingFilter.ANY).values().get();
            List<AclBindingFilter> stale = present.stream()
                .filter(b -> !wanted.contains(b))
                .map(AclBinding::toFilter)
                .toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get();
            }
            Set<AclBinding> missing = new HashSet<>(wanted);
            missing.removeAll(present);
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get();
            }

            int brokers = admin.describeCluster().nodes().get().size();
            Set<String> existingTopics = admin.listTopics().names().get();
            List<NewTopic> created = new ArrayList<>();
            Map<ConfigResource, Collection<AlterConfigOp>> settings = new LinkedHashMap<>();
            for (JsonNode topic : StrimziKafkaUsers.documents(topicsYaml, "KafkaTopic")) {
                JsonNode spec = topic.path("spec");
                String name = spec.path("topicName").asText(topic.path("metadata").path("name").asText());
                Map<String, String> config = new TreeMap<>();
                spec.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
                if (existingTopics.contains(name)) {
                    settings.put(new ConfigResource(ConfigResource.Type.TOPIC, name),
                            config.entrySet()
                                .stream()
                                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()),
                                        AlterConfigOp.OpType.SET))
                                .toList());
                }
                else {
                    short replicas = (short) Math.min(spec.path("replicas").asInt(1), brokers);
                    created.add(new NewTopic(name, spec.path("partitions").asInt(1), replicas).configs(config));
                }
            }
            if (!created.isEmpty()) {
                admin.createTopics(created).all().get();
            }
            if (!settings.isEmpty()) {
                admin.incrementalAlterConfigs(settings).all().get();
            }
            System.out.printf("%d users, %d ACLs (%d added, %d removed), %d topics (%d created)%n", names.size(),
                    wanted.size(), missing.size(), stale.size(), created.size() + settings.size(), created.size());
        }
    }

    /**
     * Role (the KafkaUser's app.kubernetes.io/component label) → KafkaUser name, as the
     * Helm chart pairs them.
     */
    static Map<String, String> roles(Path usersYaml) throws IOException {
        Map<String, String> roles = new TreeMap<>();
        for (JsonNode user : StrimziKafkaUsers.documents(usersYaml, "KafkaUser")) {
            JsonNode metadata = user.path("metadata");
            String role = metadata.path("labels").path(ROLE_LABEL).asText("");
            if (role.isEmpty()) {
                throw new IllegalStateException("KafkaUser " + metadata.path("name").asText() + " in " + usersYaml
                        + " has no " + ROLE_LABEL + " label: which role is it?");
            }
            roles.put(role, metadata.path("name").asText());
        }
        return roles;
    }

    private static Map<String, String> passwords(Path dir) throws IOException {
        Map<String, String> passwords = new TreeMap<>();
        Path file = dir.resolve("credentials.properties");
        if (Files.exists(file)) {
            Properties stored = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
            stored.stringPropertyNames().forEach(name -> passwords.put(name, stored.getProperty(name)));
        }
        return passwords;
    }

    private static String password(SecureRandom random) {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_CHARACTERS.charAt(random.nextInt(PASSWORD_CHARACTERS.length())));
        }
        return password.toString();
    }

    private static String jaas(String user, Map<String, String> passwords) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalStateException("no password for Kafka user " + user);
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /**
     * Replaces {@code file} with {@code lines}, readable by its owner only from the
     * start.
     */
    private static void write(Path file, List<String> lines) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temporary, lines);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

}
