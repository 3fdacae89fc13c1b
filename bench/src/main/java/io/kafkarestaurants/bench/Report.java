package io.kafkarestaurants.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's output: the table on stdout, results.json with the raw numbers, report.html
 * with the charts.
 */
final class Report {

    /** A line of a chart: x in seconds since the run started, y in the chart's unit. */
    record Series(String name, List<double[]> points) {
    }

    /** A chart: title, y unit and its lines. */
    record Chart(String title, String yUnit, List<Series> series) {
    }

    private Report() {
    }

    static String table(List<Figure> figures) {
        StringBuilder out = new StringBuilder();
        String format = "| %-62s | %9s | %-8s | %9s | %-32s | %5s | %-15s |%n";
        out.append(String.format(Locale.ROOT, format, "figure", "value", "unit", "baseline", "baseline is", "ratio",
                "target"));
        out.append(String.format(Locale.ROOT, format, "-".repeat(62), "-".repeat(9), "-".repeat(8), "-".repeat(9),
                "-".repeat(32), "-".repeat(5), "-".repeat(15)));
        for (Figure f : figures) {
            String target = f.target() == null ? ""
                    : (f.higherIsBetter() ? ">= " : "<= ") + number(f.target()) + " " + f.verdict();
            out.append(String.format(Locale.ROOT, format, f.name(), number(f.value()), f.unit(), number(f.baseline()),
                    f.baselineName(), Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", f.ratio()),
                    target));
        }
        return out.toString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    static void write(Path dir, Map<String, Object> settings, List<Figure> figures, Map<String, Object> raw,
            List<Chart> charts) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("settings", settings);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figure", f.name());
            row.put("value", finite(f.value()));
            row.put("unit", f.unit());
            row.put("baseline", finite(f.baseline()));
            row.put("baselineIs", f.baselineName());
            row.put("ratio", finite(f.ratio()));
            row.put("target", f.target());
            row.put("targetIs", f.target() == null ? null : f.higherIsBetter() ? "at least" : "at most");
            row.put("verdict", f.verdict());
            rows.add(row);
        }
        results.put("figures", rows);
        results.putAll(raw);
        Map<String, Object> series = new LinkedHashMap<>();
        for (Chart chart : charts) {
            Map<String, Object> lines = new LinkedHashMap<>();
            chart.series().forEach(s -> lines.put(s.name(), s.points()));
            series.put(chart.title(), lines);
        }
        results.put("series", series);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(dir.resolve("results.json").toFile(), results);
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kafka Restaurants bench</title>
                <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}td:first-child{text-align:left}
                .met{color:#176f2c}.missed{color:#b3261e}svg{display:block;margin:1rem 0}</style></head><body>
                <h1>Kafka Restaurants bench</h1>
                """);
        html.append("<p>")
            .append(escape(settings.toString()))
            .append("</p>\n<table><tr><th>figure</th><th>value</th>"
                    + "<th>unit</th><th>baseline</th><th>baseline is</th><th>ratio</th><th>target</th></tr>\n");
        for (Figure f : figures) {
            html.append("<tr><td>")
                .append(escape(f.name()))
                .append("</td><td>")
                .append(number(f.value()))
                .append("</td><td>")
                .append(escape(f.unit()))
                .append("</td><td>")
                .append(number(f.baseline()))
                .append("</td><td>")
                .append(escape(f.baselineName()))
                .append("</td><td>")
                .append(Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", f.ratio()))
                .append("</td><td class=\"")
                .append(f.verdict())
                .append("\">")
                .append(f.target() == null ? ""
                        : (f.higherIsBetter() ? "&ge; " : "&le; ") + number(f.target()) + " " + f.verdict())
                .append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (Chart chart : charts) {
            html.append(svg(chart));
        }
        html.append("</body></html>\n");
        Files.writeString(dir.resolve("report.html"), html);
        for (int i = 0; i < charts.size(); i++) {
            Files.writeString(dir.resolve("chart-" + (i + 1) + ".svg"), svg(charts.get(i)));
        }
    }

    private static Object finite(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b" };

    /**
     * A plain SVG line chart: x in seconds, y from 0 to the largest value, a legend, grid
     * lines.
     */
    static String svg(Chart chart) {
        int width = 900;
        int height = 320;
        int left = 70;
        int right = 160;
        int top = 30;
        int bottom = 40;
        double maxX = 1;
        double maxY = 1;
        for (Series s : chart.series()) {
            for (double[] p : s.points()) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        maxY = niceCeiling(maxY);
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(
                String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                        left, escape(chart.title())));
        for (int i = 0; i <= 4; i++) {
            double y = top + plotH - plotH * i / 4;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left, y, left + plotW, y, left - 6, y + 4, number(maxY * i / 4)));
        }
        for (int i = 0; i <= 5; i++) {
            double x = left + plotW * i / 5;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s s</text>%n", x,
                    height - bottom + 16, number(maxX * i / 5)));
        }
        svg.append(String.format(Locale.ROOT,
                "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" " + "text-anchor=\"middle\">%s</text>%n",
                top + (int) plotH / 2, top + (int) plotH / 2, escape(chart.yUnit())));
        for (int s = 0; s < chart.series().size(); s++) {
            Series series = chart.series().get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double[] p : series.points()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + plotW * p[0] / maxX,
                        top + plotH - plotH * Math.min(p[1], maxY) / maxY));
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" " + "points=\"%s\"/>%n", colour,
                    points.toString().strip()));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                    left + plotW + 12, top + 10 + s * 18, colour, left + plotW + 30, top + 14 + s * 18,
                    escape(series.name())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
