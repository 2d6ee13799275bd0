package io.specweave.deploy.tracker;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the traffic of a fake vendor server against the vendor's published OpenAPI document from
 * {@code <specweave.shared.dir>/specs}. Loading a document takes seconds, so each is loaded once per
 * test run and shared. Every request and response the fake sees is validated; the errors collect in
 * {@link #violations()}, which a test asserts empty.
 */
public final class OpenApiContract {

    private static final Map<String, OpenApiInteractionValidator> LOADED = new ConcurrentHashMap<>();

    private final OpenApiInteractionValidator validator;
    private final Tolerance tolerated;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private int checked;

    /** A known gap between a document and the real service, relaxed by exactly its message. */
    @FunctionalInterface
    public interface Tolerance {
        /** {@code status} is the response status; {@code response} tells which side the message is about. */
        boolean test(int status, boolean response, ValidationReport.Message message);
    }

    private OpenApiContract(OpenApiInteractionValidator validator, Tolerance tolerated) {
        this.validator = validator;
        this.tolerated = tolerated;
    }

    /** {@code <shared>/specs/<relative>}, when the shared folder is there. */
    public static Optional<Path> specFile(String relative) {
        String shared = System.getProperty("specweave.shared.dir");
        if (shared == null || shared.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(shared, "specs").resolve(relative);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * The contract of the document at {@code relative}; empty when the shared folder is absent. A
     * UTF-8 byte-order mark (the Azure DevOps document has one) is stripped before parsing.
     */
    public static Optional<OpenApiContract> load(String relative, Tolerance tolerated) {
        return specFile(relative).map(file -> new OpenApiContract(LOADED.computeIfAbsent(relative, r -> {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                return OpenApiInteractionValidator.createForInlineApiSpecification(text).withResolveCombinators(true)
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), tolerated));
    }

    /**
     * One exchange as the fake saw it; {@code path} is the path the document knows it by. A null
     * {@code status} checks the request only (an injected fault is no answer of the fake's own).
     */
    public void check(String method, String path, String rawQuery, Map<String, String> requestHeaders,
            String requestBody, Integer status, String contentType, String responseBody) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        requestHeaders.forEach(request::withHeader);
        if (requestBody != null && !requestBody.isEmpty()) {
            request.withBody(requestBody);
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                request.withQueryParam(name, value);
            }
        }
        ValidationReport requestReport = validator.validateRequest(request.build());
        synchronized (this) {
            checked++;
        }
        int code = status == null ? 0 : status;
        collect(method + " " + path + " (request)", requestReport, code, false);
        if (status == null) {
            return;
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        ValidationReport responseReport = validator.validateResponse(path, Request.Method.valueOf(method),
                response.build());
        collect(method + " " + path + " → " + status + " (response)", responseReport, code, true);
    }

    private void collect(String what, ValidationReport report, int status, boolean response) {
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && !tolerated(status, response, m)) {
                violations.add(what + ": [" + m.getKey() + "] " + m.getMessage()
                        + instancePointer(m).map(p -> " at " + p).orElse("") + nested(m));
            }
        }
    }

    /**
     * A message is tolerated when the tolerance says so, or when it is a composition ({@code allOf},
     * {@code anyOf}) whose every nested message is tolerated: the composition then failed only
     * because of the known gaps inside it.
     */
    private boolean tolerated(int status, boolean response, ValidationReport.Message m) {
        if (tolerated.test(status, response, m)) {
            return true;
        }
        List<ValidationReport.Message> nested = m.getNestedMessages();
        return !nested.isEmpty() && nested.stream().allMatch(n -> tolerated(status, response, n));
    }

    private static String nested(ValidationReport.Message m) {
        StringBuilder s = new StringBuilder();
        for (ValidationReport.Message n : m.getNestedMessages()) {
            s.append("\n      nested: [").append(n.getKey()).append("] ").append(n.getMessage())
                    .append(instancePointer(n).map(p -> " at " + p).orElse("")).append(nested(n));
        }
        return s.toString();
    }

    /** The JSON pointer of the offending instance, when the message has one ({@code /body}, {@code /0/value}). */
    public static Optional<String> instancePointer(ValidationReport.Message m) {
        return m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance);
    }

    /** Every error found so far. */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** How many exchanges were checked. */
    public synchronized int checked() {
        return checked;
    }
}
