package io.kafkarestaurants.flow;

import io.kafkarestaurants.flow.FlowTopology.Edge;
import io.kafkarestaurants.flow.FlowTopology.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.URISupport;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the order flow from the route files, every role's (all of them are in the jar,
 * whichever roles this process runs): loaded into a Camel model that is never started,
 * then walked from each entry (a REST operation whose routes write to Kafka, a Kafka
 * consumer) through its direct: calls and its route configuration's error handlers. Topic
 * names and groups come out of the routes' placeholders, resolved with the application's
 * properties; a route that writes to another topic changes the picture with it.
 */
final class FlowTopologyReader {

    /** Where the route files are on the class path (one folder per role, plus common). */
    static final String ROUTES = "classpath*:camel/**/*.camel.yaml";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private static final Pattern EXCHANGE_PROPERTY = Pattern.compile("\\$\\{exchangeProperty\\.([\\w.-]+)}");

    private static final Pattern ROLE_FOLDER = Pattern.compile("camel/([^/]+)/[^/]+$");

    /** In a dead-letter endpoint: the topic the record was consumed from. */
    private static final String CONSUMED_TOPIC = "${header.kafka.TOPIC}";

    private static final String COMMON = "common";

    private final UnaryOperator<String> properties;

    private final Map<String, String> memoryTopics;

    private final Map<String, RouteDefinition> directs = new LinkedHashMap<>();

    private final Map<String, RouteConfigurationDefinition> configurations = new LinkedHashMap<>();

    /**
     * @param properties the application's property of a name (null when unset)
     * @param memoryTopics the stages' memories (idempotent repository beans) by bean
     * name: the topic each keeps
     */
    private FlowTopologyReader(ModelCamelContext model, UnaryOperator<String> properties,
            Map<String, String> memoryTopics) {
        this.properties = properties;
        this.memoryTopics = memoryTopics;
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String from = route.getInput().getEndpointUri();
            if (from.startsWith("direct:")) {
                directs.put(endpointName(resolve(from, route)), route);
            }
        }
        model.getRouteConfigurationDefinitions().forEach(c -> configurations.put(c.getId(), c));
    }

    /** The flow of the route files on the class path. */
    static FlowTopology fromClassPath(UnaryOperator<String> properties, Map<String, String> memoryTopics,
            String orderStatusTopic) {
        try (DefaultCamelContext model = new DefaultCamelContext()) {
            // As the application runs them: REST operations and their direct: routes
            // apart (camel.rest.inline-routes).
            model.getRestConfiguration().setInlineRoutes(false);
            List<org.apache.camel.spi.Resource> files = new ArrayList<>();
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(ROUTES)) {
                String location = file.getURL().toString();
                String path = location.substring(location.lastIndexOf("camel/"));
                files.add(ResourceHelper.fromString("classpath:" + path,
                        file.getContentAsString(StandardCharsets.UTF_8)));
            }
            PluginHelper.getRoutesLoader(model).loadRoutes(files);
            return read(model, properties, memoryTopics, orderStatusTopic);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the route files " + ROUTES, e);
        }
        catch (Exception e) {
            throw new IllegalStateException("Cannot load the route files " + ROUTES + " as a Camel model", e);
        }
    }

    static FlowTopology read(CamelContext camel, UnaryOperator<String> properties, Map<String, String> memoryTopics,
            String orderStatusTopic) {
        ModelCamelContext model = (ModelCamelContext) camel;
        return new FlowTopologyReader(model, properties, memoryTopics).read(model, orderStatusTopic);
    }

    private FlowTopology read(ModelCamelContext model, String orderStatusTopic) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Set<Edge> edges = new LinkedHashSet<>();
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                RouteDefinition route = directs.get(endpointName(verb.getTo().getUri()));
                if (route == null) {
                    continue;
                }
                Reach reach = walk(route, List.of());
                if (reach.writes.isEmpty()) {
                    continue;
                }
                String http = verb.asVerb() + "-" + slug(verb.getPath());
                nodes.put(http,
                        new Node(http, FlowTopology.HTTP, verb.asVerb().toUpperCase(Locale.ROOT) + " " + verb.getPath(),
                                null, null, null, null, List.of(), List.of(), null));
                nodes.put(route.getId(), new Node(route.getId(), FlowTopology.ROUTE, route.getId().replace('-', ' '),
                        role(route), null, route.getId(), null, List.of(), List.of(), null));
                edges.add(new Edge(http, route.getId(), null));
                addReach(route.getId(), reach, nodes, edges);
            }
        }
        List<RouteDefinition> consumers = model.getRouteDefinitions().stream().filter(this::consumesKafka).toList();
        for (RouteDefinition consumer : consumers) {
            String from = resolve(consumer.getInput().getEndpointUri(), consumer);
            List<String> topics = topicsOf(from);
            Map<String, Object> query = query(from);
            RouteDefinition work = stageRoute(consumer);
            String role = role(consumer);
            // A role's pipeline stage (the stage-kafka consumer) is named after its role;
            // any other consumer (e.g.
            // the popularity counter beside the transactions stage) after its route.
            boolean stage = consumer.getInput().getEndpointUri().startsWith("stage-kafka:");
            boolean alone = stage && consumers.stream()
                .filter(c -> c.getInput().getEndpointUri().startsWith("stage-kafka:") && role != null
                        && role.equals(role(c)))
                .count() == 1;
            String id = alone ? role : consumer.getId();
            Reach reach = walk(consumer, topics);
            String memory = null;
            Object memoryBean = query.get("memory");
            if (memoryBean != null) {
                memory = memoryTopics.get(memoryBean.toString().replace("#bean:", ""));
                if (memory == null) {
                    throw new IllegalStateException("Route " + consumer.getId() + " keeps its memory in " + memoryBean
                            + ", whose topic the flow does not know");
                }
            }
            nodes.put(id,
                    new Node(id, FlowTopology.STAGE, id, role, String.valueOf(query.get("groupId")),
                            work == null ? consumer.getId() : work.getId(), null, topics,
                            List.copyOf(reach.deadLetters), memory));
            for (String topic : topics) {
                nodes.putIfAbsent(FlowTopology.topicId(topic), Node.topic(topic));
                edges.add(new Edge(FlowTopology.topicId(topic), id, null));
            }
            addReach(id, reach, nodes, edges);
            if (memory != null) {
                nodes.putIfAbsent(FlowTopology.topicId(memory), Node.topic(memory));
                edges.add(new Edge(id, FlowTopology.topicId(memory), consumer.getId()));
            }
        }
        if (nodes.containsKey(FlowTopology.topicId(orderStatusTopic))) {
            nodes.put("order-view", new Node("order-view", FlowTopology.VIEW, "order view", "api", null, null, null,
                    List.of(orderStatusTopic), List.of(), null));
            edges.add(new Edge(FlowTopology.topicId(orderStatusTopic), "order-view", null));
        }
        return new FlowTopology(alongTheFlow(nodes, edges), List.copyOf(edges));
    }

    /**
     * Nodes in the order an order meets them: breadth first from the REST operations,
     * then any others.
     */
    private static List<Node> alongTheFlow(Map<String, Node> nodes, Set<Edge> edges) {
        Map<String, Node> ordered = new LinkedHashMap<>();
        java.util.Deque<String> next = new java.util.ArrayDeque<>();
        nodes.values().stream().filter(node -> node.kind().equals(FlowTopology.HTTP)).forEach(n -> next.add(n.id()));
        while (!next.isEmpty()) {
            String id = next.removeFirst();
            if (ordered.putIfAbsent(id, nodes.get(id)) == null) {
                edges.stream().filter(edge -> edge.from().equals(id)).forEach(edge -> next.addLast(edge.to()));
            }
        }
        nodes.values().forEach(node -> ordered.putIfAbsent(node.id(), node));
        return List.copyOf(ordered.values());
    }

    private void addReach(String from, Reach reach, Map<String, Node> nodes, Set<Edge> edges) {
        reach.writes.forEach((topic, route) -> {
            nodes.putIfAbsent(FlowTopology.topicId(topic), Node.topic(topic));
            edges.add(new Edge(from, FlowTopology.topicId(topic), route));
        });
        for (String external : reach.externals) {
            nodes.putIfAbsent(external, new Node(external, FlowTopology.EXTERNAL,
                    "smtp".equals(external) ? "SMTP" : external, null, null, null, null, List.of(), List.of(), null));
            edges.add(new Edge(from, external, null));
        }
    }

    /**
     * What a route reaches: the topics it writes (each with the route whose step writes
     * it), among them the dead-letter topics (named after the topic a record was consumed
     * from), and outside services.
     */
    private static final class Reach {

        final Map<String, String> writes = new LinkedHashMap<>();

        final Set<String> deadLetters = new LinkedHashSet<>();

        final Set<String> externals = new LinkedHashSet<>();

    }

    private Reach walk(RouteDefinition start, List<String> consumed) {
        Reach reach = new Reach();
        walk(start, null, consumed, reach, new HashSet<>());
        return reach;
    }

    /**
     * @param caller the route that called this one: a templated publisher's writes are
     * its caller's
     */
    private void walk(RouteDefinition route, RouteDefinition caller, List<String> consumed, Reach reach,
            Set<String> seen) {
        if (!seen.add(route.getId())) {
            return;
        }
        RouteDefinition writer = route.getTemplateParameters() != null && caller != null ? caller : route;
        List<ProcessorDefinition<?>> steps = new ArrayList<>(route.getOutputs());
        String configurationIds = route.getRouteConfigurationId();
        if (configurationIds != null) {
            for (String id : configurationIds.split(",")) {
                RouteConfigurationDefinition configuration = configurations.get(id.trim());
                if (configuration != null) {
                    for (OnExceptionDefinition onException : configuration.getOnExceptions()) {
                        steps.addAll(onException.getOutputs());
                    }
                }
            }
        }
        Map<String, String> exchangeProperties = new LinkedHashMap<>();
        for (SetPropertyDefinition property : filter(steps, SetPropertyDefinition.class)) {
            exchangeProperties.put(property.getName(), property.getExpression().getExpression());
        }
        List<String> uris = new ArrayList<>();
        filter(steps, SendDefinition.class).forEach(send -> uris.add(send.getEndpointUri()));
        filter(steps, ToDynamicDefinition.class).forEach(send -> uris.add(send.getUri()));
        for (String raw : uris) {
            String uri = resolve(expand(raw, exchangeProperties), route);
            String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : "";
            switch (scheme) {
                case "direct" -> {
                    RouteDefinition next = directs.get(endpointName(uri));
                    if (next != null) {
                        walk(next, route, consumed, reach, seen);
                    }
                }
                case "kafka" -> {
                    for (String topic : topicsOf(uri)) {
                        if (topic.contains(CONSUMED_TOPIC)) {
                            for (String source : consumed) {
                                String deadLetter = topic.replace(CONSUMED_TOPIC, source);
                                reach.writes.putIfAbsent(deadLetter, writer.getId());
                                reach.deadLetters.add(deadLetter);
                            }
                        }
                        else if (!topic.contains("${")) {
                            reach.writes.putIfAbsent(topic, writer.getId());
                        }
                    }
                }
                case "smtp", "smtps" -> reach.externals.add("smtp");
                case "http", "https" -> reach.externals.add(externalName(raw, scheme));
                default -> {
                }
            }
        }
    }

    /**
     * An outside HTTP service is named by its base URL's property,
     * restaurants.<name>.url, else by its scheme.
     */
    private static String externalName(String raw, String scheme) {
        Matcher placeholder = PLACEHOLDER.matcher(raw);
        if (placeholder.find() && raw.startsWith("{{")) {
            String[] parts = placeholder.group(1).split("\\.");
            return parts.length >= 3 ? parts[parts.length - 2] : parts[0];
        }
        return scheme;
    }

    private boolean consumesKafka(RouteDefinition route) {
        String from = route.getInput().getEndpointUri();
        return from.startsWith("kafka:") || from.startsWith("stage-kafka:");
    }

    /**
     * The route a stage's consumer hands each new record to: the {@code stage} parameter
     * of the stage template (stage.camel.yaml), else the route that places the consumer
     * in its role.
     */
    private RouteDefinition stageRoute(RouteDefinition consumer) {
        Object stage = consumer.getTemplateParameters() == null ? null : consumer.getTemplateParameters().get("stage");
        RouteDefinition route = stage == null ? null : directs.get(stage.toString());
        return route != null ? route : roleRoute(consumer, new HashSet<>());
    }

    /** The role (route folder) a route belongs to (see roleRoute), or null. */
    private String role(RouteDefinition route) {
        RouteDefinition owner = roleRoute(route, new HashSet<>());
        if (owner == null) {
            return null;
        }
        Matcher folder = ROLE_FOLDER.matcher(owner.getResource().getLocation());
        return folder.find() ? folder.group(1) : null;
    }

    /**
     * The route that places a route in a role's folder: itself when it is in one; a
     * templated route has no file of its own and is placed by the first route of a role
     * it calls (a stage's consumer: the route that does the stage's work).
     */
    private RouteDefinition roleRoute(RouteDefinition route, Set<String> seen) {
        if (!seen.add(route.getId())) {
            return null;
        }
        if (route.getResource() != null) {
            Matcher folder = ROLE_FOLDER.matcher(route.getResource().getLocation());
            if (folder.find() && !COMMON.equals(folder.group(1))) {
                return route;
            }
        }
        for (SendDefinition<?> send : filter(route.getOutputs(), SendDefinition.class)) {
            String uri = resolve(send.getEndpointUri(), route);
            RouteDefinition next = uri.startsWith("direct:") ? directs.get(endpointName(uri)) : null;
            RouteDefinition owner = next == null ? null : roleRoute(next, seen);
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static <T> List<T> filter(List<ProcessorDefinition<?>> steps, Class<T> type) {
        return new ArrayList<>(ProcessorDefinitionHelper.filterTypeInOutputs((List) steps, type));
    }

    /** ${exchangeProperty.x} in an endpoint: the expression the route set x to. */
    private static String expand(String uri, Map<String, String> exchangeProperties) {
        Matcher matcher = EXCHANGE_PROPERTY.matcher(uri);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = exchangeProperties.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(expression));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Camel {{placeholders}}: the route's template parameters first, then the
     * application's properties.
     */
    private String resolve(String text, RouteDefinition route) {
        Map<String, Object> parameters = route.getTemplateParameters() == null ? Map.of()
                : route.getTemplateParameters();
        String current = text;
        for (int round = 0; round < 5 && current.contains("{{"); round++) {
            Matcher matcher = PLACEHOLDER.matcher(current);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String key = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
                Object value = parameters.containsKey(key) ? parameters.get(key) : properties.apply(key);
                if (value == null && name.contains(":")) {
                    value = name.substring(name.indexOf(':') + 1);
                }
                matcher.appendReplacement(out,
                        Matcher.quoteReplacement(value == null ? matcher.group() : value.toString()));
            }
            matcher.appendTail(out);
            current = out.toString();
        }
        return current;
    }

    private static List<String> topicsOf(String uri) {
        return Stream.of(endpointName(uri).split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    private static String endpointName(String uri) {
        String name = uri.substring(uri.indexOf(':') + 1);
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    private static Map<String, Object> query(String uri) {
        int query = uri.indexOf('?');
        try {
            return query < 0 ? Map.of() : URISupport.parseQuery(uri.substring(query + 1));
        }
        catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("Cannot read the parameters of " + uri, e);
        }
    }

    /** A stable id for a REST path: /orders/{id} becomes orders-id. */
    private static String slug(String path) {
        return path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }

}
