package io.kafkarestaurants.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.OnRole;
import io.kafkarestaurants.RestaurantsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * What each role of the routes application does with Kafka, read from the application
 * itself: application.yaml (with an environment on top, e.g. a Deployment's), the route
 * files of the role's folder and of the common routes they reach (direct: calls, route
 * configurations, dead-letter channels), the Kafka idempotent repositories of the stages
 * (their StageMemory beans), the Kafka Streams topology of the api's order view
 * (described by Kafka Streams itself) and the roles that read the restaurants' popularity
 * topic (PopularityConfiguration). Nothing here names a topic or a group: they all come
 * from the application's configuration.
 */
final class AppKafkaUsage {

    static final String COMMON = "common";
    static final String READ = "Read";
    static final String WRITE = "Write";
    static final String DESCRIBE = "Describe";

    /**
     * A Kafka resource an ACL names: type topic or group, a name, and literal or prefix
     * matching.
     */
    record Resource(String type, String name, String patternType) implements Comparable<Resource> {

        static Resource topic(String name) {
            return new Resource("topic", name, "literal");
        }

        @Override
        public int compareTo(Resource other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return type + ":" + name + ("prefix".equals(patternType) ? "*" : "");
        }
    }

    /**
     * Stands for ${random.*} in a resolved value: what follows a fixed prefix is random
     * per start.
     */
    private static final String RANDOM = "\u0000random\u0000";

    private static final Pattern CAMEL_PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private static final Pattern EXCHANGE_PROPERTY = Pattern.compile("\\$\\{exchangeProperty\\.([\\w.-]+)}");

    private static final Pattern BEAN_REFERENCE = Pattern.compile("\\$\\{ref:([^}]+(?:}})?)}");

    private static final String CONSUMED_TOPIC = "${header.kafka.TOPIC}";

    /**
     * The stages' consumer (StageConsumerComponent): a Kafka consumer group like
     * camel-kafka's.
     */
    private static final String STAGE_CONSUMER = "stage-kafka:";

    private final StandardEnvironment environment;

    private final Map<String, List<Flow>> flowsByFolder = new TreeMap<>();

    private final Map<String, Flow> directs = new HashMap<>();

    private final Map<String, Flow> configurations = new HashMap<>();

    private final Map<String, JsonNode> templates = new HashMap<>();

    private final Map<String, String> repositoryTopics;

    private AppKafkaUsage(Map<String, String> env) {
        this.environment = environment(env);
        loadRoutes();
        this.repositoryTopics = repositoryTopics();
    }

    /** The application as configured by application.yaml alone (its defaults). */
    static AppKafkaUsage defaults() {
        return new AppKafkaUsage(Map.of());
    }

    /**
     * The application as configured by application.yaml under these environment
     * variables.
     */
    static AppKafkaUsage withEnvironment(Map<String, String> env) {
        return new AppKafkaUsage(env);
    }

    /** The roles: the route folders other than common. */
    Set<String> roles() {
        Set<String> roles = new TreeSet<>(flowsByFolder.keySet());
        roles.remove(COMMON);
        return roles;
    }

    String property(String name) {
        String value = environment.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("Property " + name + " is not set in " + DeployFiles.APPLICATION_YAML);
        }
        return value;
    }

    /** The resources a role uses and the operations it needs on each. */
    Map<Resource, Set<String>> usage(String role) {
        List<Flow> roots = flowsByFolder.get(role);
        if (roots == null) {
            throw new IllegalArgumentException("No route folder camel/" + role);
        }
        Map<Resource, Set<String>> usage = new TreeMap<>();
        for (Flow root : roots) {
            List<String> consumed = new ArrayList<>();
            if (root.from != null && (root.from.startsWith("kafka:") || root.from.startsWith(STAGE_CONSUMER))) {
                consumed.addAll(topicsOf(root.from));
                consumed.forEach(topic -> grant(usage, Resource.topic(topic), READ, DESCRIBE));
                grant(usage, group(root.fromParameters.get("groupId"), root), READ);
            }
            visit(root, consumed, usage, new HashSet<>());
        }
        grantOrderView(role, usage);
        grantPopularityTopic(role, usage);
        grantFlow(role, usage);
        return usage;
    }

    /**
     * The restaurants' popularity topic, read whole with assign() in no group
     * (PopularityTopic) by the roles its configuration is for: the api sums it, the
     * transactions role takes up its partitions' scores from it.
     */
    private void grantPopularityTopic(String role, Map<Resource, Set<String>> usage) {
        try {
            OnRole onRole = Class.forName("io.kafkarestaurants.popularity.PopularityConfiguration")
                .getAnnotation(OnRole.class);
            if (List.of(onRole.value()).contains(role)) {
                grant(usage, Resource.topic(property("restaurants.topics.restaurant-popularity")), READ, DESCRIBE);
            }
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read the roles that read the popularity topic", e);
        }
    }

    /**
     * The order-flow endpoints (in the roles FlowConfiguration is for) describe every
     * topic of the flow and the stages' groups with the admin client (end offsets,
     * committed offsets), from the topology they read from the routes.
     */
    private void grantFlow(String role, Map<Resource, Set<String>> usage) {
        try {
            OnRole onRole = Class.forName("io.kafkarestaurants.flow.FlowConfiguration").getAnnotation(OnRole.class);
            if (!List.of(onRole.value()).contains(role)) {
                return;
            }
            Class<?> reader = Class.forName("io.kafkarestaurants.flow.FlowTopologyReader");
            Method fromClassPath = reader.getDeclaredMethod("fromClassPath", java.util.function.UnaryOperator.class,
                    Map.class, String.class);
            fromClassPath.setAccessible(true);
            Object topology = fromClassPath
                .invoke(null, (java.util.function.UnaryOperator<String>) environment::getProperty,
                        Map.of("chargedOrders", property("restaurants.topics.transactions-processed"), "sentMails",
                                property("restaurants.topics.email-sent")),
                        property("restaurants.topics.order-status"));
            Method nodes = topology.getClass().getDeclaredMethod("nodes");
            nodes.setAccessible(true);
            for (Object node : (List<?>) nodes.invoke(topology)) {
                String topic = (String) accessor(node, "topic");
                String group = (String) accessor(node, "group");
                if (topic != null) {
                    grant(usage, Resource.topic(topic), DESCRIBE);
                }
                if (group != null) {
                    grant(usage, new Resource("group", group, "literal"), DESCRIBE);
                }
            }
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the order flow's topology", e);
        }
    }

    private static Object accessor(Object record, String name) throws ReflectiveOperationException {
        Method method = record.getClass().getDeclaredMethod(name);
        method.setAccessible(true);
        return method.invoke(record);
    }

    /**
     * The order view (in the roles StatusConfiguration is for) reads the source topics of
     * its topology's global stores with assign(), in no group. A topology with
     * subtopologies would join a group named by its application id: refused here until
     * the KafkaUsers allow it.
     */
    private void grantOrderView(String role, Map<Resource, Set<String>> usage) {
        try {
            OnRole onRole = Class.forName("io.kafkarestaurants.status.StatusConfiguration").getAnnotation(OnRole.class);
            if (!List.of(onRole.value()).contains(role)) {
                return;
            }
            Method build = Class.forName("io.kafkarestaurants.status.OrderViewTopology")
                .getDeclaredMethod("build", String.class, ObjectMapper.class,
                        Class.forName("io.kafkarestaurants.status.OrderViewEvents"));
            build.setAccessible(true);
            // Described, never run: the processor is not built, so it needs no listener.
            TopologyDescription topology = ((Topology) build.invoke(null, property("restaurants.topics.order-status"),
                    new ObjectMapper(), null))
                .describe();
            if (!topology.subtopologies().isEmpty()) {
                throw new IllegalStateException(
                        "The order view's topology has subtopologies: it joins a consumer group");
            }
            for (TopologyDescription.GlobalStore store : topology.globalStores()) {
                store.source().topicSet().forEach(topic -> grant(usage, Resource.topic(topic), READ, DESCRIBE));
            }
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot describe the order view's Kafka Streams topology", e);
        }
    }

    /**
     * The consumer groups of a role's routes and the topics each reads: what the lag of
     * the role is measured on.
     */
    Map<String, Set<String>> consumedTopicsByGroup(String role) {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (Flow root : flowsByFolder.getOrDefault(role, List.of())) {
            if (root.from != null && (root.from.startsWith("kafka:") || root.from.startsWith(STAGE_CONSUMER))) {
                Resource group = group(root.fromParameters.get("groupId"), root);
                String name = group.name() + ("prefix".equals(group.patternType()) ? "*" : "");
                groups.computeIfAbsent(name, g -> new TreeSet<>()).addAll(topicsOf(root.from));
            }
        }
        return groups;
    }

    /**
     * Every topic the application creates when it finds it absent (its KafkaTopics bean),
     * by name.
     */
    Map<String, NewTopic> createdTopics() {
        try {
            RestaurantsProperties properties = Binder.get(environment)
                .bind("restaurants", RestaurantsProperties.class)
                .get();
            Class<?> type = Class.forName("io.kafkarestaurants.kafka.KafkaTopics");
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Method method = type.getDeclaredMethod("pipelineTopics", RestaurantsProperties.class);
            method.setAccessible(true);
            KafkaAdmin.NewTopics topics = (KafkaAdmin.NewTopics) method.invoke(constructor.newInstance(), properties);
            Method newTopics = KafkaAdmin.NewTopics.class.getDeclaredMethod("getNewTopics");
            newTopics.setAccessible(true);
            Map<String, NewTopic> byName = new TreeMap<>();
            for (Object topic : (Collection<?>) newTopics.invoke(topics)) {
                byName.put(((NewTopic) topic).name(), (NewTopic) topic);
            }
            return byName;
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the topics io.kafkarestaurants.kafka.KafkaTopics creates", e);
        }
    }

    private void visit(Flow flow, List<String> consumed, Map<Resource, Set<String>> usage, Set<String> seen) {
        if (!seen.add(flow.key() + consumed)) {
            return;
        }
        for (String uri : flow.outbound) {
            String resolved = resolve(expandExchangeProperties(uri, flow), flow);
            if (resolved.startsWith("kafka:")) {
                for (String topic : topicsOf(resolved)) {
                    for (String produced : producedTopics(topic, consumed, flow)) {
                        grant(usage, Resource.topic(produced), WRITE, DESCRIBE);
                    }
                }
            }
            else if (resolved.startsWith("direct:")) {
                Flow target = directs.get(endpointName(resolved));
                if (target == null) {
                    throw new IllegalStateException(
                            "Route " + flow.id + " calls " + resolved + ", which no route consumes");
                }
                visit(target, consumed, usage, seen);
            }
        }
        for (String configuration : flow.configurations) {
            Flow target = configurations.get(configuration);
            if (target == null) {
                throw new IllegalStateException(
                        "Route " + flow.id + " uses unknown route configuration " + configuration);
            }
            visit(target, consumed, usage, seen);
        }
        for (String repository : flow.repositories) {
            String topic = repositoryTopics.get(repository);
            if (topic == null) {
                throw new IllegalStateException("Route " + flow.id + " uses idempotent repository " + repository
                        + ", which no configuration creates as a StageMemory");
            }
            grant(usage, Resource.topic(topic), READ, WRITE, DESCRIBE);
        }
    }

    private List<String> producedTopics(String topic, List<String> consumed, Flow flow) {
        if (!topic.contains("${")) {
            return List.of(topic);
        }
        if (!topic.contains(CONSUMED_TOPIC) || topic.replace(CONSUMED_TOPIC, "").contains("${")) {
            throw new IllegalStateException("Cannot tell which topic route " + flow.id + " produces to: " + topic);
        }
        return consumed.stream().map(c -> topic.replace(CONSUMED_TOPIC, c)).toList();
    }

    private Resource group(String raw, Flow flow) {
        if (raw == null) {
            throw new IllegalStateException("Kafka consumer of route " + flow.id + " has no groupId");
        }
        String group = resolve(raw, flow);
        int random = group.indexOf(RANDOM);
        if (random < 0) {
            return new Resource("group", group, "literal");
        }
        if (!group.endsWith(RANDOM) || random != group.length() - RANDOM.length()) {
            throw new IllegalStateException(
                    "Group of route " + flow.id + " is random but not a prefix + a random part");
        }
        return new Resource("group", group.substring(0, random), "prefix");
    }

    private static void grant(Map<Resource, Set<String>> usage, Resource resource, String... operations) {
        usage.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(operations));
    }

    private static List<String> topicsOf(String kafkaUri) {
        String topics = kafkaUri.substring(kafkaUri.indexOf(':') + 1);
        int query = topics.indexOf('?');
        if (query >= 0) {
            topics = topics.substring(0, query);
        }
        return Stream.of(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    private static String endpointName(String uri) {
        String name = uri.substring(uri.indexOf(':') + 1);
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    /** Camel {{placeholders}}: template parameters first, then the Spring environment. */
    private String resolve(String text, Flow flow) {
        String current = text;
        for (int round = 0; round < 5 && current.contains("{{"); round++) {
            Matcher matcher = CAMEL_PLACEHOLDER.matcher(current);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String value = flow.templateParameters.containsKey(name) ? flow.templateParameters.get(name)
                        : property(name.contains(":") ? name.substring(0, name.indexOf(':')) : name);
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            current = out.toString();
        }
        return current;
    }

    /**
     * ${exchangeProperty.x} in an endpoint: the simple expression the same route set x
     * to.
     */
    private static String expandExchangeProperties(String uri, Flow flow) {
        Matcher matcher = EXCHANGE_PROPERTY.matcher(uri);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = flow.properties.get(matcher.group(1));
            if (expression == null) {
                throw new IllegalStateException(
                        "Route " + flow.id + " sends to " + uri + " but sets no " + matcher.group(1) + " property");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(expression));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static StandardEnvironment environment(Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource("deployment", new HashMap<>(env)));
        sources.addLast(new MapPropertySource("random", Map.of("random.uuid", RANDOM, "random.value", RANDOM)));
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
                    new FileSystemResource(DeployFiles.APPLICATION_YAML))) {
                sources.addLast(source);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environment;
    }

    /** The idempotent repositories the stages keep in Kafka: bean name -> topic. */
    private Map<String, String> repositoryTopics() {
        StringBuilder sources = new StringBuilder();
        DeployFiles.STAGE_MEMORY_BEANS.forEach(file -> sources.append(DeployFiles.text(file)));
        String source = sources.toString();
        if (source.contains("setGroupId") || source.contains("GROUP_ID_CONFIG") || source.contains("\"group.id\"")) {
            throw new IllegalStateException("A StageMemory bean gets a consumer group: the "
                    + "KafkaUsers must then allow that group (today the repositories read with assign() and no group)");
        }
        Matcher beans = Pattern.compile("StageMemory\\s+(\\w+)\\s*\\(([^{]*)\\{(.*?)\\n    }", Pattern.DOTALL)
            .matcher(source);
        Map<String, String> topics = new LinkedHashMap<>();
        while (beans.find()) {
            Matcher topic = Pattern.compile("topics\\(\\)\\.(\\w+)\\(\\)").matcher(beans.group(3));
            if (!topic.find()) {
                continue;
            }
            String kebab = topic.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            topics.put(beans.group(1), property("restaurants.topics." + kebab));
        }
        if (topics.isEmpty()) {
            throw new IllegalStateException("Found no StageMemory bean in " + DeployFiles.STAGE_MEMORY_BEANS);
        }
        return topics;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The route files as flows: where each starts, what it sends to, what it opts into.
    // ---------------------------------------------------------------------------------------------------------

    private void loadRoutes() {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DeployFiles.ROUTES)) {
            files = walk.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map.Entry<String, JsonNode>> templated = new ArrayList<>();
        for (Path file : files) {
            String folder = DeployFiles.ROUTES.relativize(file).getName(0).toString();
            flowsByFolder.computeIfAbsent(folder, f -> new ArrayList<>());
            for (JsonNode element : DeployFiles.yaml(file)) {
                Iterator<Map.Entry<String, JsonNode>> fields = element.fields();
                Map.Entry<String, JsonNode> entry = fields.next();
                JsonNode body = entry.getValue();
                switch (entry.getKey()) {
                    case "route" -> add(folder, new Flow(body.path("id").asText(), body, Map.of()));
                    case "routeTemplate" -> templates.put(body.path("id").asText(), body.path("route"));
                    case "templatedRoute" -> templated.add(Map.entry(folder, body));
                    case "routeConfiguration" -> {
                        Flow configuration = new Flow(body.path("id").asText(), body, Map.of());
                        configurations.put(configuration.id, configuration);
                    }
                    case "rest" -> add(folder, new Flow(body.path("id").asText(), body, Map.of()));
                    default -> throw new IllegalStateException("Unknown element " + entry.getKey() + " in " + file);
                }
            }
        }
        for (Map.Entry<String, JsonNode> entry : templated) {
            JsonNode body = entry.getValue();
            JsonNode template = templates.get(body.path("routeTemplateRef").asText());
            if (template == null) {
                throw new IllegalStateException("Unknown route template " + body.path("routeTemplateRef").asText());
            }
            Map<String, String> parameters = new HashMap<>();
            body.path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p.path("value").asText()));
            add(entry.getKey(), new Flow(body.path("routeId").asText(), template, parameters));
        }
    }

    private void add(String folder, Flow flow) {
        flowsByFolder.get(folder).add(flow);
        if (flow.from != null && flow.from.startsWith("direct:")) {
            directs.put(endpointName(flow.from), flow);
        }
    }

    /**
     * One route (or route configuration, or rest block): its start, its outbound
     * endpoints and what it opts into.
     */
    private final class Flow {

        final String id;

        final String from;

        final Map<String, String> fromParameters = new HashMap<>();

        final Map<String, String> templateParameters;

        final List<String> outbound = new ArrayList<>();

        final List<String> configurations = new ArrayList<>();

        final List<String> repositories = new ArrayList<>();

        final Map<String, String> properties = new HashMap<>();

        Flow(String id, JsonNode body, Map<String, String> templateParameters) {
            this.id = id;
            this.templateParameters = templateParameters;
            JsonNode from = body.path("from");
            this.from = from.hasNonNull("uri") ? resolve(from.path("uri").asText(), this) : null;
            from.path("parameters")
                .fields()
                .forEachRemaining(p -> fromParameters.put(p.getKey(), p.getValue().asText()));
            if (body.hasNonNull("routeConfigurationId")) {
                configurations.add(body.path("routeConfigurationId").asText());
            }
            collect(from.isMissingNode() ? body : from.path("steps"));
            if (from.isMissingNode()) {
                return;
            }
            body.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("from")) {
                    collect(field.getValue());
                }
            });
        }

        String key() {
            return id + "@" + templateParameters;
        }

        private void collect(JsonNode node) {
            if (node.isArray()) {
                node.forEach(this::collect);
                return;
            }
            if (!node.isObject()) {
                return;
            }
            node.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "uri", "deadLetterUri" -> {
                        if (value.isTextual()) {
                            outbound.add(value.asText());
                        }
                    }
                    case "idempotentRepository" -> repositories.add(resolve(value.asText(), this));
                    case "setProperty" -> {
                        String expression = value.path("expression").path("simple").path("expression").asText();
                        properties.put(value.path("name").asText(), expression);
                        // A stage's memory: the idempotent repository bean it looks keys
                        // up in and records them to.
                        Matcher reference = BEAN_REFERENCE.matcher(expression);
                        if (reference.matches()) {
                            repositories.add(resolve(reference.group(1), this));
                        }
                    }
                    default -> {
                    }
                }
                collect(value);
            });
        }

    }

}
