package io.kafkarestaurants.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Grafana dashboard the chart ships (dashboards/kafka-restaurants.json in the
 * dashboard ConfigMap): its panels, their PromQL, its variables, and which metrics they
 * read that a scrape does not list.
 */
final class GrafanaDashboard {

    static final String FILE = "kafka-restaurants.json";

    final JsonNode model;

    GrafanaDashboard(JsonNode model) {
        this.model = model;
    }

    /** The dashboard as the chart renders it for this variant. */
    static GrafanaDashboard of(RenderedChart chart) {
        ConfigMap configMap = chart.named(ConfigMap.class, RenderedChart.name("dashboard"));
        try {
            return new GrafanaDashboard(DeployFiles.JSON.readTree(configMap.getData().get(FILE)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel, those inside collapsed rows included. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : model.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    List<String> titles() {
        return panels().stream().map(p -> p.path("title").asText()).toList();
    }

    /**
     * Each query of each panel and variable, by where it is ("panel <title>" or "variable
     * <name>").
     */
    Map<String, List<String>> queries() {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.computeIfAbsent("panel " + panel.path("title").asText(), k -> new ArrayList<>())
                    .add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : model.at("/templating/list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                queries.computeIfAbsent("variable " + variable.path("name").asText(), k -> new ArrayList<>())
                    .add(query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        return queries;
    }

    /**
     * The metrics every panel and variable reads, each as "where: metric", that
     * {@code exported} does not hold.
     */
    Set<String> unexported(Set<String> exported) {
        Set<String> missing = new TreeSet<>();
        queries().forEach((where, expressions) -> {
            for (String expression : expressions) {
                Set<String> names = where.startsWith("variable ") ? PromQlMetrics.variableNames(expression)
                        : PromQlMetrics.names(expression);
                names.stream()
                    .filter(name -> !exported.contains(name))
                    .forEach(name -> missing.add(where + ": " + name));
            }
        });
        return missing;
    }

    /**
     * The series names of a Prometheus text exposition (what /actuator/prometheus
     * answers): a histogram lists its _bucket, _count and _sum series, a counter its
     * _total.
     */
    static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

}
