package io.kafkarestaurants.deploy;

import io.kafkarestaurants.deploy.AppKafkaUsage.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * The answers a broker gave to the role users' client calls, beside the answers the
 * roles' routes need, as one Markdown table per role and resource type (a row per
 * resource, a column per operation).
 *
 * <p>
 * What a role needs comes from AppKafkaUsage (application.yaml, the route files, the
 * beans that reach Kafka), never from the KafkaUsers: the matrix holds the ACLs to the
 * application. An operation is needed when the role's routes do it, or when Kafka's
 * authorizer counts it as part of one they do (an allowed Read, Write, Delete or Alter
 * allows Describe; AlterConfigs allows DescribeConfigs; Create on the cluster allows
 * creating any topic).
 */
final class AclMatrix {

    enum Answer {

        ALLOWED, REFUSED, ERROR

    }

    /**
     * A broker's answer: allowed, refused by its authorizer (the exception's name) or
     * anything else (an error).
     */
    record Outcome(Answer answer, String detail) {
    }

    /**
     * One client call: a role, an operation on a resource, what the routes need and what
     * the broker answered.
     */
    record Cell(String role, String type, String resource, String operation, boolean expected, Outcome actual) {

        boolean asExpected() {
            return actual.answer() == (expected ? Answer.ALLOWED : Answer.REFUSED);
        }

        /**
         * For a failure message: who did what on what, what the broker answered and what
         * the routes need.
         */
        String summary() {
            return role + ": " + operation + " on " + type + " " + resource + ": " + actual.answer()
                    + (actual.detail().isEmpty() ? "" : " " + actual.detail()) + ", the routes need it "
                    + (expected ? "allowed" : "refused");
        }

        /**
         * allowed; refused with what refused it (topic, group, cluster: the client's
         * authorization exception).
         */
        String text() {
            String answer = actual.answer().name().toLowerCase(Locale.ROOT);
            if (actual.answer() == Answer.REFUSED) {
                String by = actual.detail().replace("AuthorizationException", "").toLowerCase(Locale.ROOT);
                answer += by.isEmpty() ? "" : " (" + by + ")";
            }
            if (asExpected()) {
                return answer;
            }
            return "**" + answer + ", expected " + (expected ? "allowed" : "refused") + "**"
                    + (actual.answer() == Answer.ERROR ? " " + actual.detail().replace("|", "/") : "");
        }
    }

    /** A call to the broker that answers by returning (allowed) or by throwing. */
    @FunctionalInterface
    interface Call {

        void run() throws Exception;

    }

    static final String CLUSTER = "cluster";
    static final String CLUSTER_NAME = "kafka-cluster";

    private static final Set<AclOperation> IMPLY_DESCRIBE = Set.of(AclOperation.READ, AclOperation.WRITE,
            AclOperation.DELETE, AclOperation.ALTER);

    private final List<Cell> cells = new ArrayList<>();

    /**
     * Makes the call and records its answer beside what the role's routes need
     * ({@code needs}, all of them).
     */
    Cell check(String role, Map<Resource, Set<String>> usage, String type, String resource, String operation,
            List<Need> needs, Call call) {
        boolean expected = needs.stream().allMatch(need -> need.neededBy(usage));
        Cell cell = new Cell(role, type, resource, operation, expected, attempt(call));
        cells.add(cell);
        return cell;
    }

    /** An operation a call needs on a resource (type topic, group or cluster). */
    record Need(String type, String name, AclOperation operation) {

        static Need topic(String name, AclOperation operation) {
            return new Need("topic", name, operation);
        }

        static Need group(String name, AclOperation operation) {
            return new Need("group", name, operation);
        }

        static Need cluster(AclOperation operation) {
            return new Need(CLUSTER, CLUSTER_NAME, operation);
        }

        boolean neededBy(Map<Resource, Set<String>> usage) {
            if (type.equals("topic") && operation == AclOperation.CREATE
                    && cluster(AclOperation.CREATE).neededBy(usage)) {
                return true;
            }
            for (Map.Entry<Resource, Set<String>> used : usage.entrySet()) {
                Resource resource = used.getKey();
                boolean matches = resource.type().equals(type) && ("prefix".equals(resource.patternType())
                        ? name.startsWith(resource.name()) : name.equals(resource.name()));
                if (matches && used.getValue().stream().anyMatch(this::allowedBy)) {
                    return true;
                }
            }
            return false;
        }

        private boolean allowedBy(String strimziOperation) {
            AclOperation used = AclOperation.fromString(strimziOperation.replaceAll("([a-z])([A-Z])", "$1_$2"));
            return used == operation || used == AclOperation.ALL
                    || operation == AclOperation.DESCRIBE && IMPLY_DESCRIBE.contains(used)
                    || operation == AclOperation.DESCRIBE_CONFIGS && used == AclOperation.ALTER_CONFIGS;
        }
    }

    List<Cell> cells() {
        return List.copyOf(cells);
    }

    List<Cell> unexpected() {
        return cells.stream().filter(cell -> !cell.asExpected()).toList();
    }

    Cell cell(String role, String resource, String operation) {
        return cells.stream()
            .filter(c -> c.role().equals(role) && c.resource().equals(resource) && c.operation().equals(operation))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no call " + operation + " on " + resource + " by " + role));
    }

    /**
     * The tables, a role at a time, under a header that says how to read them and a count
     * of the answers.
     */
    String markdown(String title, Map<String, String> userByRole) {
        StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
        out.append("Expected answers come from what each role's routes need (AppKafkaUsage: application.yaml, the "
                + "route files, the beans that reach Kafka), not from the ACL file. A cell says what the broker "
                + "answered; one in bold was not the expected answer; a refusal names the authorization error the "
                + "client got (topic, group, cluster). ");
        long allowed = cells.stream().filter(c -> c.actual().answer() == Answer.ALLOWED).count();
        long refused = cells.stream().filter(c -> c.actual().answer() == Answer.REFUSED).count();
        out.append(String.format("%d calls: %d allowed, %d refused, %d not as expected.%n", cells.size(), allowed,
                refused, unexpected().size()));
        for (Map.Entry<String, String> role : userByRole.entrySet()) {
            out.append("\n### ").append(role.getKey()).append(" (User:").append(role.getValue()).append(")\n");
            for (String type : List.of("topic", "group", CLUSTER)) {
                List<Cell> ofType = cells.stream()
                    .filter(c -> c.role().equals(role.getKey()) && c.type().equals(type))
                    .toList();
                if (!ofType.isEmpty()) {
                    out.append('\n').append(table(type, ofType));
                }
            }
        }
        return out.toString();
    }

    private static String table(String type, List<Cell> cells) {
        Set<String> operations = new LinkedHashSet<>();
        Set<String> resources = new LinkedHashSet<>();
        cells.forEach(cell -> {
            operations.add(cell.operation());
            resources.add(cell.resource());
        });
        StringBuilder out = new StringBuilder("| ").append(type).append(" |");
        operations.forEach(operation -> out.append(' ').append(operation).append(" |"));
        out.append("\n|---|").append("---|".repeat(operations.size())).append('\n');
        for (String resource : resources) {
            out.append("| ").append(resource).append(" |");
            for (String operation : operations) {
                out.append(' ')
                    .append(cells.stream()
                        .filter(c -> c.resource().equals(resource) && c.operation().equals(operation))
                        .map(Cell::text)
                        .findFirst()
                        .orElse(""))
                    .append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Allowed when the call returns; refused when the broker's authorizer said no,
     * wherever the client wraps it.
     */
    private static Outcome attempt(Call call) {
        try {
            call.run();
            return new Outcome(Answer.ALLOWED, "");
        }
        catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof AuthorizationException) {
                    return new Outcome(Answer.REFUSED, cause.getClass().getSimpleName());
                }
            }
            return new Outcome(Answer.ERROR, e.toString());
        }
    }

}
