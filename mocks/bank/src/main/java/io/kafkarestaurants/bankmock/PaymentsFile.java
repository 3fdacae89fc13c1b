package io.kafkarestaurants.bankmock;

import com.github.tomakehurst.wiremock.common.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bank's decisions on disk, append-only: one JSON line per decision, written with one
 * write call before the answer leaves, so a killed mock (even SIGKILL) loses at most the
 * line it was writing, whose client got no answer. No card data: the lines hold the key,
 * the digest of the request, the answer and when it was given.
 */
final class PaymentsFile implements Closeable {

    private final Path path;

    private final List<Payment> decided;

    private final FileChannel channel;

    private PaymentsFile(Path path, List<Payment> decided, FileChannel channel) {
        this.path = path;
        this.decided = decided;
        this.channel = channel;
    }

    /**
     * Reads the decisions in the file (made if missing) and opens it for appending. A
     * last line without its newline is a write cut short by a kill: it is cut off the
     * file, so the next line starts clean. Any other line that is not a decision fails
     * the start, naming the file and the line.
     */
    static PaymentsFile open(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<Payment> decided = new ArrayList<>();
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            byte[] bytes = Files.readAllBytes(path);
            int complete = bytes.length;
            while (complete > 0 && bytes[complete - 1] != '\n') {
                complete--;
            }
            String[] lines = new String(bytes, 0, complete, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    decided.add(parse(path, i + 1, lines[i]));
                }
            }
            if (complete < bytes.length) {
                file.truncate(complete);
            }
        }
        return new PaymentsFile(path, List.copyOf(decided),
                FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    List<Payment> decided() {
        return decided;
    }

    synchronized void append(Payment payment) {
        byte[] json = Json.toByteArray(payment.line());
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not record a payment in " + path, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static Payment parse(Path path, int number, String line) {
        try {
            return Payment.fromLine(Json.read(line, Map.class));
        }
        catch (RuntimeException e) {
            throw new IllegalStateException(path + " line " + number + " is not a recorded payment: " + e.getMessage(),
                    e);
        }
    }

}
