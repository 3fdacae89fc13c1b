package io.kafkarestaurants;

/**
 * Something the client named does not exist: answered as a 404 problem that names the
 * kind, not the id.
 */
public class NotFoundException extends RuntimeException {

    private final String kind;

    public NotFoundException(String kind, String id) {
        super(kind + " " + id + " was not found");
        this.kind = kind;
    }

    /** What was not found ("Restaurant", "Order"). */
    public String kind() {
        return kind;
    }

}
