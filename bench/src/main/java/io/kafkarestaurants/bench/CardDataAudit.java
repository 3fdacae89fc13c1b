package io.kafkarestaurants.bench;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The card-data invariant of {@code make chaos}: no full card number the run paid with is
 * in clear anywhere the stack keeps or answers something. Every text the run left (each
 * log line, each record of every topic with its key and headers, each mail as it sits in
 * the inbox, each status answer) is searched for each card, written any way a person or a
 * program might write it: digits alone, or with a space or a dash between any two. A
 * masked number ({@code ****4242}, brand and last four) is not a card number.
 */
final class CardDataAudit {

    /** Where the run left text, as the chaos table names it. */
    enum Source {

        LOGS("logs"), DLT("DLT"), MAILS("mails"), STATUS("status answers"), TOPICS("topics");

        private final String label;

        Source(String label) {
            this.label = label;
        }

    }

    private final Pattern anyCard;

    private final Map<Source, Integer> searched = new EnumMap<>(Source.class);

    private final Map<Source, List<String>> found = new EnumMap<>(Source.class);

    /** {@code cards}: the full numbers the run paid with, digits only. */
    CardDataAudit(Collection<String> cards) {
        if (cards.isEmpty()) {
            throw new IllegalArgumentException("no card numbers to search for");
        }
        // "1234..." -> 1[ -]?2[ -]?3[ -]?4...: each card with an optional space or dash
        // between any two digits.
        this.anyCard = Pattern.compile(cards.stream()
            .map(card -> card.chars().mapToObj(Character::toString).collect(Collectors.joining("[ -]?")))
            .collect(Collectors.joining("|")));
        for (Source source : Source.values()) {
            searched.put(source, 0);
            found.put(source, new ArrayList<>());
        }
    }

    /**
     * Searches one text from {@code source}; {@code where} names it in the table if it
     * holds a card number.
     */
    void search(Source source, String where, String text) {
        searched.merge(source, 1, Integer::sum);
        if (text != null && anyCard.matcher(text).find()) {
            found.get(source).add(where);
        }
    }

    /**
     * A mail as the inbox keeps it (an .eml file), to search: its raw bytes, and the
     * decoded text of each of its parts (quoted-printable breaks long lines, base64 hides
     * digits altogether).
     */
    static String mailText(byte[] eml) throws IOException {
        StringBuilder text = new StringBuilder(new String(eml, StandardCharsets.ISO_8859_1));
        try {
            decoded(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml)), text);
        }
        catch (MessagingException unreadable) {
            text.append("\n[unreadable MIME: ").append(unreadable.getMessage()).append(']');
        }
        return text.toString();
    }

    private static void decoded(Part part, StringBuilder text) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                decoded(multipart.getBodyPart(i), text);
            }
        }
        else if (content instanceof String string) {
            text.append('\n').append(string);
        }
    }

    int found() {
        return found.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The invariant's row: every text searched, and the places that hold a card number
     * (the violations).
     */
    ChaosAudit.Row row() {
        String bySource = found.entrySet()
            .stream()
            .map(e -> e.getKey().label + " " + e.getValue().size())
            .collect(Collectors.joining(", "));
        return new ChaosAudit.Row("card numbers in clear: " + found() + " (" + bySource + ")",
                searched.values().stream().mapToInt(Integer::intValue).sum(),
                found.values().stream().flatMap(List::stream).sorted().toList());
    }

    /** How many texts were searched per source, for the report. */
    String searched() {
        return searched.entrySet()
            .stream()
            .map(e -> e.getKey().label + " " + e.getValue())
            .collect(Collectors.joining(", "));
    }

}
