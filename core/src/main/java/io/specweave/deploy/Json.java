package io.specweave.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The one Jackson configuration of the project: lenient on read; on write the layout of
 * {@code JSON.stringify(value, null, 2)}, which is how SpecWeave itself writes its files, so a
 * rewrite of {@code metadata.json} changes only the lines that changed.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .addDecorator((factory, generator) -> new JavaScriptNumbers(generator))
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final ObjectWriter PRETTY;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        PRETTY = MAPPER.writer(printer);
    }

    private Json() {
    }

    /**
     * Writes doubles as {@code JSON.stringify} does: {@code 0.0001} and {@code 45}, not Java's
     * {@code 1.0E-4} and {@code 45.0}, so a number a person wrote survives a rewrite unchanged.
     */
    private static final class JavaScriptNumbers extends JsonGeneratorDelegate {

        JavaScriptNumbers(JsonGenerator delegate) {
            super(delegate, false);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            if (Double.isFinite(value)) {
                delegate.writeNumber(javaScriptText(value));
            } else {
                delegate.writeNumber(value);
            }
        }

        @Override
        public void writeNumber(float value) throws IOException {
            writeNumber(Double.parseDouble(Float.toString(value)));
        }
    }

    /**
     * A finite double as ECMAScript's Number::toString writes it: plain from 1e-6 up to 1e21
     * ({@code 0.0001}, {@code 45}), else the shortest digits with an exponent ({@code 1e+21},
     * {@code 1.5e-8}) where Java writes {@code 1.0E21}.
     */
    static String javaScriptText(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-6 && magnitude < 1e21) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = decimal.precision() - decimal.scale() - 1;
        return (value < 0 ? "-" : "") + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "")
                + "e" + (exponent >= 0 ? "+" : "-") + Math.abs(exponent);
    }

    /** A shared, thread-safe mapper. Callers must not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Two-space indented JSON without a final newline, as {@code JSON.stringify(v, null, 2)}. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact one-line JSON. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node's text if it is a non-blank string, else null. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
