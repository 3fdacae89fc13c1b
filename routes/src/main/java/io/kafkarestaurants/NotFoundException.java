package io.kafkarestaurants;

/** Something the client named does not exist: answered as a 404 problem. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
