package io.kafkarestaurants.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which connections a set of NetworkPolicies allows, evaluated the way Kubernetes does: a
 * pod selected by a policy of a direction accepts only what one of those policies' rules
 * allows in that direction; a connection needs the source's egress and the destination's
 * ingress. Endpoints are the release's pods plus stand-ins for what they talk to outside
 * the release (the Kafka brokers, cluster DNS, and an address outside the cluster).
 */
final class NetworkPolicyEdges {

    /**
     * A pod (or the outside world when {@code outside}) with its namespace, labels and
     * the ports it listens on.
     */
    record Endpoint(String name, String namespace, Map<String, String> labels, Set<String> ports, boolean outside) {

        static Endpoint pod(String name, String namespace, Map<String, String> labels, Set<String> ports) {
            return new Endpoint(name, namespace, labels, ports, false);
        }

        static Endpoint outside(Set<String> ports) {
            return new Endpoint("outside", null, Map.of(), ports, true);
        }
    }

    private final List<NetworkPolicy> policies;

    private final String namespace;

    NetworkPolicyEdges(List<NetworkPolicy> policies, String namespace) {
        this.policies = policies;
        this.namespace = namespace;
    }

    /** Every allowed connection as "source->destination:PROTOCOL/port". */
    Set<String> edges(List<Endpoint> endpoints) {
        Set<String> edges = new TreeSet<>();
        for (Endpoint source : endpoints) {
            for (Endpoint destination : endpoints) {
                if (source == destination) {
                    continue;
                }
                for (String port : destination.ports()) {
                    if (allowed(source, destination, port)) {
                        edges.add(source.name() + "->" + destination.name() + ":" + port);
                    }
                }
            }
        }
        return edges;
    }

    private boolean allowed(Endpoint source, Endpoint destination, String port) {
        return egressAllowed(source, destination, port) && ingressAllowed(source, destination, port);
    }

    private boolean egressAllowed(Endpoint source, Endpoint destination, String port) {
        List<NetworkPolicy> selecting = selecting(source, "Egress");
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream()
            .flatMap(p -> p.getSpec().getEgress().stream())
            .anyMatch(rule -> peersMatch(rule.getTo(), destination) && portsMatch(rule.getPorts(), port));
    }

    private boolean ingressAllowed(Endpoint source, Endpoint destination, String port) {
        List<NetworkPolicy> selecting = selecting(destination, "Ingress");
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream()
            .flatMap(p -> p.getSpec().getIngress().stream())
            .anyMatch(rule -> peersMatch(rule.getFrom(), source) && portsMatch(rule.getPorts(), port));
    }

    private List<NetworkPolicy> selecting(Endpoint endpoint, String direction) {
        if (endpoint.outside() || !namespace.equals(endpoint.namespace())) {
            return List.of();
        }
        return policies.stream()
            .filter(p -> policyTypes(p).contains(direction))
            .filter(p -> matches(p.getSpec().getPodSelector(), endpoint.labels()))
            .toList();
    }

    private static List<String> policyTypes(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        return policy.getSpec().getEgress() != null && !policy.getSpec().getEgress().isEmpty()
                ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint endpoint) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> peerMatches(peer, endpoint));
    }

    private boolean peerMatches(NetworkPolicyPeer peer, Endpoint endpoint) {
        if (peer.getIpBlock() != null) {
            return endpoint.outside();
        }
        if (endpoint.outside()) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null ? namespace.equals(endpoint.namespace())
                : matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", endpoint.namespace()));
        return namespaceMatches && (peer.getPodSelector() == null || matches(peer.getPodSelector(), endpoint.labels()));
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, String port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            IntOrString number = p.getPort();
            return number == null ? port.startsWith(protocol + "/") : port.equals(protocol + "/" + number.getValue());
        });
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not modelled here: " + selector);
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

}
