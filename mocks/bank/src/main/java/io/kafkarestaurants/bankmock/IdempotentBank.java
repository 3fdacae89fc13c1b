package io.kafkarestaurants.bankmock;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Makes the bank mock idempotent by {@code Idempotency-Key}, as a real payment API is.
 * One WireMock extension in three parts that share one {@link PaymentBook}:
 * <ul>
 * <li>a request filter, before any stub: a charge whose key is decided gets the decision
 * again at once (same status and body, {@code Idempotent-Replayed: true}), or 422
 * {@code idempotency_key_reused} when its body differs; {@code GET
 * /v1/payments/{idempotencyKey}} answers 200 with the decision or 404;</li>
 * <li>a response transformer on every stub's answer: a charge answered 201, 402 or 422 is
 * recorded as it is rendered, when the request arrives, before the stub's delay is served
 * (WireMock waits out a delay only when it sends the response); 5xx answers are not
 * recorded, so a retry is answered afresh;</li>
 * <li>{@code GET /__admin/payments}: every decision with its replays and lookups, for
 * test harnesses.</li>
 * </ul>
 * State file: {@code -Dbank.state=FILE} or {@code BANK_MOCK_STATE=FILE} (JSON lines, see
 * {@link PaymentsFile}); neither set, the decisions live in memory only. Standalone:
 * {@code java -cp wiremock-standalone.jar:bank-mock.jar wiremock.Run --extensions
 * io.kafkarestaurants.bankmock.IdempotentBank ...}.
 */
public final class IdempotentBank implements StubRequestFilterV2, ResponseTransformerV2, AdminApiExtension {

    public static final String STATE_PROPERTY = "bank.state";

    public static final String STATE_ENV = "BANK_MOCK_STATE";

    private final Optional<Path> stateFile;

    private PaymentsFile file;

    private PaymentBook book;

    /**
     * What {@code --extensions} instantiates: the state file from the system property or
     * the environment.
     */
    public IdempotentBank() {
        this(stateFile(System.getProperty(STATE_PROPERTY), System.getenv(STATE_ENV)));
    }

    /** Decisions kept in (and, at start, read back from) a state file. */
    public IdempotentBank(Path stateFile) {
        this(Optional.of(stateFile));
    }

    private IdempotentBank(Optional<Path> stateFile) {
        this.stateFile = stateFile;
    }

    /**
     * Decisions in memory only, whatever the environment says (tests that start WireMock
     * in their JVM).
     */
    public static IdempotentBank inMemory() {
        return new IdempotentBank(Optional.empty());
    }

    /**
     * The system property wins over the environment variable; a blank value counts as
     * unset.
     */
    static Optional<Path> stateFile(String property, String environment) {
        return Optional.ofNullable(property)
            .filter(p -> !p.isBlank())
            .or(() -> Optional.ofNullable(environment).filter(e -> !e.isBlank()))
            .map(Path::of);
    }

    @Override
    public String getName() {
        return "idempotent-bank";
    }

    @Override
    public void start() {
        if (stateFile.isEmpty()) {
            book = new PaymentBook(List.of(), payment -> {
            });
            return;
        }
        try {
            file = PaymentsFile.open(stateFile.get());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not open the bank mock's state file " + stateFile.get(), e);
        }
        book = new PaymentBook(file.decided(), file::append);
        System.out.printf("Bank mock: %d payments read from %s%n", file.decided().size(), stateFile.get());
    }

    @Override
    public void stop() {
        try {
            if (file != null) {
                file.close();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        BankCall call = BankCall.of(request);
        Optional<Payment> decided = call.kind() == BankCall.Kind.OTHER ? Optional.empty()
                : book.find(call.idempotencyKey());
        if (call.kind() == BankCall.Kind.LOOKUP) {
            decided.ifPresent(Payment::lookedUp);
            return RequestFilterAction.stopWith(Answer.lookup(decided).definition());
        }
        if (decided.isPresent()) {
            return RequestFilterAction.stopWith(repeat(decided.get(), call).definition());
        }
        return RequestFilterAction.continueWith(request);
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        if (serveEvent.getStubMapping() == null || !Payment.decides(response.getStatus())) {
            return response;
        }
        BankCall call = BankCall.of(serveEvent.getRequest());
        if (call.kind() != BankCall.Kind.CHARGE) {
            return response;
        }
        Payment candidate = new Payment(call.idempotencyKey(), call.requestSha256(), response.getStatus(),
                response.getBodyAsString(), Instant.now());
        Payment decided = book.decide(candidate);
        // A request that raced another with the same new key and lost: the winner's
        // decision, at once.
        return decided == candidate ? response : repeat(decided, call).response();
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, "/payments",
                (admin, serveEvent, pathParams) -> Answer.payments(book.all()).definition());
    }

    private static Answer repeat(Payment decided, BankCall call) {
        Answer answer = Answer.repeat(decided, call);
        if (answer.replayed()) {
            decided.replayed();
        }
        return answer;
    }

}
