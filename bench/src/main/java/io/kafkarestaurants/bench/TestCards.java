package io.kafkarestaurants.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test cards the bench and chaos pay with, read from the bank mock's mappings
 * (mocks/bank/mappings), their one home: {@code NN-card-<number>-<behaviour>.json}; the
 * behaviour is what the bank does with that number ({@code approved},
 * {@code slow-approved}, {@code declined}, {@code flaky-1-started}, ...), and the first
 * file of a card names it. No card number is written here.
 */
record TestCards(Map<String, String> byBehaviour) {

    private static final Pattern CARD = Pattern.compile("\\d+-card-(\\d+)-([a-z-]+?)(?:-\\d-[a-z-]+)?\\.json");

    static TestCards from(Path mappings) throws IOException {
        Map<String, String> cards = new TreeMap<>();
        try (Stream<Path> files = Files.list(mappings)) {
            files.map(file -> file.getFileName().toString()).sorted().forEach(name -> {
                Matcher m = CARD.matcher(name);
                if (m.matches()) {
                    cards.putIfAbsent(m.group(2), m.group(1));
                }
            });
        }
        return new TestCards(Map.copyOf(cards));
    }

    /**
     * The card with this behaviour (the part of its mapping's file name after the
     * number).
     */
    String card(String behaviour) {
        String card = byBehaviour.get(behaviour);
        if (card == null) {
            throw new IllegalStateException(
                    "No bank mapping for a card that is '" + behaviour + "' (have " + byBehaviour.keySet() + ")");
        }
        return card;
    }

    String approved() {
        return card("approved");
    }

    String slow() {
        return card("slow-approved");
    }
}
