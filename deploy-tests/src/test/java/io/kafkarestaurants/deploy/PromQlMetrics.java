package io.kafkarestaurants.deploy;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression reads, as a Grafana panel writes it: every
 * identifier that stands as a vector selector (bare, or followed by {@code {} or {@code
 * [}), leaving out function calls (an identifier followed by {@code (}), aggregation
 * operators, keywords and the label lists after them ({@code by (le, pod)}), label
 * matchers inside {@code {}}, range and subquery durations inside {@code []}, strings,
 * numbers and Grafana variables ({@code $job}, {@code ${job}}, {@code $__rate_interval}).
 * Names are returned as written: a histogram is read through its {@code _bucket}, {@code
 * _count} or {@code _sum} series, which is what a scrape lists too.
 */
final class PromQlMetrics {

    /**
     * Words that are neither metrics nor calls; those that take a label list in
     * parentheses first.
     */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private static final Set<String> WITH_LABEL_LIST = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    /**
     * Aggregation operators, whose grouping clause may stand between them and their
     * parenthesis: sum by (le) (...).
     */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private PromQlMetrics() {
    }

    static Set<String> names(String expression) {
        Set<String> names = new TreeSet<>();
        String text = expression;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(text, i);
            }
            else if (c == '{') {
                i = after(text, i, '{', '}');
            }
            else if (c == '[') {
                i = after(text, i, '[', ']');
            }
            else if (c == '$') {
                i = afterVariable(text, i);
            }
            else if (c == '#') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            }
            else if (Character.isDigit(c) || c == '.') {
                i = afterWord(text, i);
            }
            else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = afterWord(text, i);
                String word = text.substring(i, end);
                int next = skipSpaces(text, end);
                boolean call = next < text.length() && text.charAt(next) == '(';
                if (WITH_LABEL_LIST.contains(word.toLowerCase())) {
                    i = call ? after(text, next, '(', ')') : end;
                }
                else {
                    String lower = word.toLowerCase();
                    if (!call && !KEYWORDS.contains(lower) && !AGGREGATIONS.contains(lower)) {
                        names.add(word);
                    }
                    i = end;
                }
            }
            else {
                i++;
            }
        }
        return names;
    }

    /**
     * The metric a Grafana query variable reads: the selector of
     * {@code label_values(selector, label)}, if any.
     */
    static Set<String> variableNames(String query) {
        String trimmed = query.strip();
        if (!trimmed.startsWith("label_values(") || !trimmed.endsWith(")")) {
            return names(trimmed);
        }
        String arguments = trimmed.substring("label_values(".length(), trimmed.length() - 1);
        int comma = topLevelComma(arguments);
        return comma < 0 ? Set.of() : names(arguments.substring(0, comma));
    }

    private static int topLevelComma(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(text, i) - 1;
            }
            else if (c == '{' || c == '(' || c == '[') {
                depth++;
            }
            else if (c == '}' || c == ')' || c == ']') {
                depth--;
            }
            else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int afterWord(String text, int start) {
        int i = start;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_:.".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String text, int start) {
        int i = start;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int afterString(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }

    /**
     * After the bracket that closes the one at {@code start}, skipping strings within.
     */
    private static int after(String text, int start, char open, char close) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(text, i);
                continue;
            }
            if (c == open) {
                depth++;
            }
            else if (c == close && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int afterVariable(String text, int start) {
        if (start + 1 < text.length() && text.charAt(start + 1) == '{') {
            return after(text, start + 1, '{', '}');
        }
        int i = start + 1;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

}
