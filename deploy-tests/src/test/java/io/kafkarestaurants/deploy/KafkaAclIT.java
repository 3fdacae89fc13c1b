package io.kafkarestaurants.deploy;

import static io.kafkarestaurants.deploy.AclMatrix.Need.cluster;
import static io.kafkarestaurants.deploy.AclMatrix.Need.group;
import static io.kafkarestaurants.deploy.AclMatrix.Need.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkarestaurants.deploy.AclMatrix.Answer;
import io.kafkarestaurants.deploy.AclMatrix.Cell;
import io.kafkarestaurants.deploy.AppKafkaUsage.Resource;
import io.kafkarestaurants.local.StrimziKafkaUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KafkaUsers of strimzi/base/kafka-users.yaml enforced by a real broker: a KRaft
 * broker with SASL/SCRAM-SHA-512 and the StandardAuthorizer (ScramKafkaBroker) gets the
 * application's topics (AppKafkaUsage, from application.yaml), a SCRAM user per KafkaUser
 * and exactly the ACLs the local runner gives them (StrimziKafkaUsers, the same class).
 * Then each role's user makes every kind of call on every topic, every consumer group and
 * the cluster, with real clients, and the broker must allow exactly what the role's
 * routes need (AppKafkaUsage again, not the ACL file) and refuse the rest with an
 * authorization error. The matrix goes to stdout and to
 * deploy-tests/target/acl-matrix.md.
 */
class KafkaAclIT {

    static final Path KAFKA_USERS = DeployFiles.STRIMZI.resolve("base/kafka-users.yaml");
    static final Path REPORT = DeployFiles.ROOT.resolve("deploy-tests/target/acl-matrix.md");
    static final String ROLE_LABEL = "app.kubernetes.io/component";

    /**
     * How long an allowed read may take to see the record the test wrote (a group's join
     * included).
     */
    static final Duration READ_WITHIN = Duration.ofSeconds(15);

    static final String PRODUCE = "produce (Write)";
    static final String READ = "read, assign() without group (Read)";
    static final String DESCRIBE = "describe, list offsets (Describe)";
    static final String CREATE = "create (Create)";
    static final String ALTER_CONFIGS = "alter configs (AlterConfigs)";
    static final String DELETE = "delete (Delete)";
    static final String CONSUME = "join, consume its topics, commit (Read group + topics)";
    static final String DESCRIBE_GROUP = "describe, committed offsets (Describe)";
    static final String CREATE_TOPIC = "create a topic (Create)";
    static final String DESCRIBE_ACLS = "describe ACLs (Describe)";
    static final String CREATE_ACLS = "create ACLs (Alter)";
    static final String CREATE_USER = "create a SCRAM user (Alter)";
    static final String ALTER_BROKER = "alter broker configs (AlterConfigs)";

    static ScramKafkaBroker broker;
    static Admin admin;
    static final AppKafkaUsage APP = AppKafkaUsage.defaults();

    /** Role (the KafkaUser's component label) → KafkaUser name. */
    static final Map<String, String> USER_BY_ROLE = new TreeMap<>();
    static final Map<String, String> PASSWORDS = new HashMap<>();

    /**
     * Every topic the application has, and any other the ACLs name (a grant on it would
     * go unnoticed otherwise), with its partitions.
     */
    static final Map<String, Integer> PARTITIONS = new TreeMap<>();

    /**
     * Every consumer group of the application → the topics its consumers subscribe to;
     * groups only ACLs name too.
     */
    static final Map<String, Set<String>> GROUPS = new TreeMap<>();

    @BeforeAll
    static void brokerWithTheTopicsUsersAndAclsOfTheManifests() throws Exception {
        for (JsonNode user : DeployFiles.documents(DeployFiles.text(KAFKA_USERS))) {
            if ("KafkaUser".equals(user.path("kind").asText())) {
                USER_BY_ROLE.put(user.path("metadata").path("labels").path(ROLE_LABEL).asText(),
                        user.path("metadata").path("name").asText());
            }
        }
        assertThat(USER_BY_ROLE.keySet()).as("a KafkaUser per role, by its %s label", ROLE_LABEL)
            .isEqualTo(APP.roles());
        for (String role : APP.roles()) {
            APP.consumedTopicsByGroup(role)
                .forEach((group, topics) -> GROUPS.computeIfAbsent(concrete(group), g -> new TreeSet<>())
                    .addAll(topics));
            APP.usage(role)
                .keySet()
                .stream()
                .filter(r -> r.type().equals("group"))
                .forEach(r -> GROUPS.computeIfAbsent(concrete(r.toString().substring("group:".length())),
                        g -> new TreeSet<>()));
        }

        List<StrimziKafkaUsers.User> users = StrimziKafkaUsers.read(KAFKA_USERS);
        List<AclBinding> acls = users.stream().flatMap(user -> user.acls().stream()).toList();
        Map<String, NewTopic> topics = new TreeMap<>();
        for (NewTopic topic : APP.createdTopics().values()) {
            // The application's partitions and settings, on the one broker there is.
            topics.put(topic.name(), new NewTopic(topic.name(), topic.numPartitions(), (short) 1)
                .configs(topic.configs() == null ? Map.of() : topic.configs()));
        }
        for (AclBinding acl : acls) {
            String name = concrete(
                    acl.pattern().name() + (acl.pattern().patternType() == PatternType.PREFIXED ? "*" : ""));
            if (acl.pattern().resourceType() == ResourceType.TOPIC) {
                topics.putIfAbsent(name, new NewTopic(name, 1, (short) 1));
            }
            else if (acl.pattern().resourceType() == ResourceType.GROUP) {
                GROUPS.computeIfAbsent(name, g -> new TreeSet<>());
            }
        }
        topics.values().forEach(topic -> PARTITIONS.put(topic.name(), topic.numPartitions()));

        broker = new ScramKafkaBroker();
        admin = Admin.create(withApiTimeout(broker.admin()));
        admin.createTopics(topics.values()).all().get();
        List<UserScramCredentialUpsertion> credentials = new ArrayList<>();
        for (StrimziKafkaUsers.User user : users) {
            PASSWORDS.put(user.name(), ScramKafkaBroker.password());
            credentials.add(new UserScramCredentialUpsertion(user.name(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORDS.get(user.name())));
        }
        admin.alterUserScramCredentials(new ArrayList<>(credentials)).all().get();
        admin.createAcls(acls).all().get();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get())
                .containsExactlyInAnyOrderElementsOf(acls);
            assertThat(admin.describeUserScramCredentials().all().get())
                .containsKeys(users.stream().map(StrimziKafkaUsers.User::name).toArray(String[]::new));
        });

        // A record in every topic, so that an allowed read has something to read.
        try (KafkaProducer<String, String> producer = producer(broker.admin())) {
            for (String topic : PARTITIONS.keySet()) {
                producer.send(new ProducerRecord<>(topic, "acl-matrix", "written by the test's admin")).get();
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eachRoleIsAllowedWhatItsRoutesNeedAndRefusedTheRest() throws Exception {
        AclMatrix matrix = new AclMatrix();
        for (String role : USER_BY_ROLE.keySet()) {
            checkTopicsAndGroups(matrix, role);
        }
        for (String role : USER_BY_ROLE.keySet()) {
            checkClusterAndDeletes(matrix, role);
        }

        String report = matrix.markdown(
                "ACL matrix: strimzi/base/kafka-users.yaml on a SASL/SCRAM broker with the " + "StandardAuthorizer",
                USER_BY_ROLE);
        System.out.println(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);

        assertThat(matrix.unexpected()).as("calls the broker did not answer as the roles' routes need (%s)", REPORT)
            .extracting(Cell::summary)
            .isEmpty();
        // The cases the issue names, and that each role can do something at all.
        String order = APP.property("restaurants.topics.order");
        String orderConfirm = APP.property("restaurants.topics.order-confirm");
        assertRefused(matrix.cell("api", order, READ));
        assertRefused(matrix.cell("api", APP.property("restaurants.consumers.transaction-group"), CONSUME));
        assertRefused(matrix.cell("email", orderConfirm, PRODUCE));
        USER_BY_ROLE.keySet().forEach(role -> assertRefused(matrix.cell(role, AclMatrix.CLUSTER_NAME, CREATE_TOPIC)));
        assertThat(matrix.cell("api", order, PRODUCE).actual().answer()).isEqualTo(Answer.ALLOWED);
        assertThat(matrix.cell("transactions", order, READ).actual().answer()).isEqualTo(Answer.ALLOWED);
        assertThat(matrix.cell("email", orderConfirm, READ).actual().answer()).isEqualTo(Answer.ALLOWED);
    }

    private static void assertRefused(Cell cell) {
        assertThat(cell.expected()).as("the routes need %s on %s by %s", cell.operation(), cell.resource(), cell.role())
            .isFalse();
        assertThat(cell.actual().answer()).as("%s on %s by %s", cell.operation(), cell.resource(), cell.role())
            .isEqualTo(Answer.REFUSED);
    }

    /**
     * Every topic × produce, read, describe, create, alter configs; every group × consume
     * and commit, describe.
     */
    private static void checkTopicsAndGroups(AclMatrix matrix, String role) throws Exception {
        Map<Resource, Set<String>> usage = APP.usage(role);
        Map<String, Object> client = client(role);
        try (Admin roleAdmin = Admin.create(withApiTimeout(client))) {
            for (String name : PARTITIONS.keySet()) {
                List<TopicPartition> all = IntStream.range(0, PARTITIONS.get(name))
                    .mapToObj(p -> new TopicPartition(name, p))
                    .toList();
                matrix.check(role, usage, "topic", name, PRODUCE, List.of(topic(name, AclOperation.WRITE)), () -> {
                    try (KafkaProducer<String, String> producer = producer(client)) {
                        producer.send(new ProducerRecord<>(name, "acl-matrix", "written by " + role)).get();
                    }
                });
                matrix.check(role, usage, "topic", name, READ, List.of(topic(name, AclOperation.READ)), () -> {
                    try (KafkaConsumer<String, String> consumer = consumer(client, null)) {
                        consumer.assign(all);
                        readARecord(consumer);
                    }
                });
                matrix.check(role, usage, "topic", name, DESCRIBE, List.of(topic(name, AclOperation.DESCRIBE)), () -> {
                    roleAdmin.describeTopics(List.of(name)).allTopicNames().get();
                    roleAdmin.listOffsets(all.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all()
                        .get();
                });
            }
            // One call for all topics, a future (a cell) per topic; validate only: a
            // wrongly allowed call changes
            // nothing.
            Map<String, KafkaFuture<Void>> creates = roleAdmin
                .createTopics(PARTITIONS.keySet().stream().map(name -> new NewTopic(name, 1, (short) 1)).toList(),
                        new CreateTopicsOptions().validateOnly(true))
                .values();
            Map<ConfigResource, KafkaFuture<Void>> alters = roleAdmin
                .incrementalAlterConfigs(
                        PARTITIONS.keySet()
                            .stream()
                            .collect(Collectors.toMap(name -> new ConfigResource(ConfigResource.Type.TOPIC, name),
                                    name -> List.of(new AlterConfigOp(
                                            new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"),
                                            AlterConfigOp.OpType.SET)))),
                        new AlterConfigsOptions().validateOnly(true))
                .values();
            for (String name : PARTITIONS.keySet()) {
                matrix.check(role, usage, "topic", name, CREATE, List.of(topic(name, AclOperation.CREATE)), () -> {
                    try {
                        creates.get(name).get();
                    }
                    catch (ExecutionException e) {
                        // Allowed to create it: the broker then says it exists already.
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                });
                matrix.check(role, usage, "topic", name, ALTER_CONFIGS,
                        List.of(topic(name, AclOperation.ALTER_CONFIGS)),
                        () -> alters.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get());
            }

            for (Map.Entry<String, Set<String>> group : GROUPS.entrySet()) {
                String name = group.getKey();
                List<AclMatrix.Need> needs = new ArrayList<>(List.of(group(name, AclOperation.READ)));
                group.getValue().forEach(t -> needs.add(topic(t, AclOperation.READ)));
                // A group only an ACL names has no topics to consume: it is described
                // only.
                if (!group.getValue().isEmpty()) {
                    matrix.check(role, usage, "group", name, CONSUME, needs, () -> {
                        try (KafkaConsumer<String, String> consumer = consumer(client, name)) {
                            consumer.subscribe(group.getValue());
                            readARecord(consumer);
                            consumer.commitSync();
                        }
                    });
                }
                matrix.check(role, usage, "group", name, DESCRIBE_GROUP, List.of(group(name, AclOperation.DESCRIBE)),
                        () -> {
                            roleAdmin.describeConsumerGroups(List.of(name)).all().get();
                            roleAdmin.listConsumerGroupOffsets(name).partitionsToOffsetAndMetadata().get();
                        });
            }
        }
    }

    /**
     * The cluster: a new topic, the ACLs, the users, the broker's settings; then deleting
     * every topic. Last, after every role's other calls: a wrongly allowed one would
     * change what the others find.
     */
    private static void checkClusterAndDeletes(AclMatrix matrix, String role) throws Exception {
        Map<Resource, Set<String>> usage = APP.usage(role);
        String user = USER_BY_ROLE.get(role);
        String cluster = AclMatrix.CLUSTER_NAME;
        try (Admin roleAdmin = Admin.create(withApiTimeout(client(role)))) {
            String newTopic = "acl-matrix-" + role;
            matrix.check(role, usage, AclMatrix.CLUSTER, cluster, CREATE_TOPIC,
                    List.of(topic(newTopic, AclOperation.CREATE)),
                    () -> roleAdmin.createTopics(List.of(new NewTopic(newTopic, 1, (short) 1))).all().get());
            matrix.check(role, usage, AclMatrix.CLUSTER, cluster, DESCRIBE_ACLS,
                    List.of(cluster(AclOperation.DESCRIBE)),
                    () -> roleAdmin.describeAcls(AclBindingFilter.ANY).values().get());
            matrix.check(role, usage, AclMatrix.CLUSTER, cluster, CREATE_ACLS, List.of(cluster(AclOperation.ALTER)),
                    () -> roleAdmin
                        .createAcls(List.of(
                                new AclBinding(
                                        new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL),
                                        new AccessControlEntry("User:" + user, "*", AclOperation.ALL,
                                                AclPermissionType.ALLOW))))
                        .all()
                        .get());
            matrix.check(role, usage, AclMatrix.CLUSTER, cluster, CREATE_USER, List.of(cluster(AclOperation.ALTER)),
                    () -> roleAdmin
                        .alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("acl-matrix-" + role,
                                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                                ScramKafkaBroker.password())))
                        .all()
                        .get());
            String node = String.valueOf(admin.describeCluster().nodes().get().iterator().next().id());
            matrix.check(role, usage, AclMatrix.CLUSTER, cluster, ALTER_BROKER,
                    List.of(cluster(AclOperation.ALTER_CONFIGS)),
                    () -> roleAdmin
                        .incrementalAlterConfigs(
                                Map.of(new ConfigResource(ConfigResource.Type.BROKER, node),
                                        List.of(new AlterConfigOp(new ConfigEntry("log.retention.ms", "1000"),
                                                AlterConfigOp.OpType.SET))),
                                new AlterConfigsOptions().validateOnly(true))
                        .all()
                        .get());

            Map<String, KafkaFuture<Void>> deletes = roleAdmin.deleteTopics(PARTITIONS.keySet()).topicNameValues();
            for (String name : PARTITIONS.keySet()) {
                matrix.check(role, usage, "topic", name, DELETE, List.of(topic(name, AclOperation.DELETE)),
                        () -> deletes.get(name).get());
            }
        }
    }

    /** A group named by a prefix (a random part after it, name*) as one such group. */
    private static String concrete(String group) {
        return group.endsWith("*") ? group.substring(0, group.length() - 1) + "acl-matrix" : group;
    }

    /**
     * Polls until a record comes (allowed) or the client throws (refused); nothing within
     * READ_WITHIN fails.
     */
    private static void readARecord(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + READ_WITHIN.toNanos();
        ConsumerRecords<String, String> records = ConsumerRecords.empty();
        while (records.isEmpty() && System.nanoTime() < deadline) {
            records = consumer.poll(Duration.ofMillis(200));
        }
        if (records.isEmpty()) {
            throw new IllegalStateException("no record within " + READ_WITHIN + " and no refusal either");
        }
    }

    private static Map<String, Object> client(String role) {
        String user = USER_BY_ROLE.get(role);
        return broker.scramUser(user, PASSWORDS.get(user));
    }

    private static Map<String, Object> withApiTimeout(Map<String, Object> client) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, ScramKafkaBroker.CLIENT_TIMEOUT_MS);
        return settings;
    }

    /** The application's producer settings (acks=all, idempotent), failing fast. */
    private static KafkaProducer<String, String> producer(Map<String, Object> client) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ScramKafkaBroker.CLIENT_TIMEOUT_MS);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ScramKafkaBroker.CLIENT_TIMEOUT_MS);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    /**
     * A consumer from the earliest offset, in the group or (null) in none, committing
     * only when told.
     */
    private static KafkaConsumer<String, String> consumer(Map<String, Object> client, String group) {
        Map<String, Object> settings = withApiTimeout(client);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (group != null) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

}
