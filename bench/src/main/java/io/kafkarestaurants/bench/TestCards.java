package io.kafkarestaurants.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test cards the bench pays with, read from the bank mock's mappings (mocks/bank/mappings), their one home:
 * {@code NN-card-<number>-approved.json} approves at once, {@code NN-card-<number>-slow-approved.json} after a delay.
 */
record TestCards(String approved, String slow) {

    private static final Pattern APPROVED = Pattern.compile("\\d+-card-(\\d+)-approved\\.json");
    private static final Pattern SLOW = Pattern.compile("\\d+-card-(\\d+)-slow-approved\\.json");

    static TestCards from(Path mappings) throws IOException {
        return new TestCards(card(mappings, APPROVED), card(mappings, SLOW));
    }

    private static String card(Path mappings, Pattern name) throws IOException {
        try (Stream<Path> files = Files.list(mappings)) {
            Optional<String> number = files.map(file -> name.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> m.group(1)).sorted().findFirst();
            return number.orElseThrow(() -> new IllegalStateException("No bank mapping named like " + name
                    + " in " + mappings));
        }
    }
}
