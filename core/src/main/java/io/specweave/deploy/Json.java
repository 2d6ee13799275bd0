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
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
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
            .nodeFactory(new ReadNumbers())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
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

        @Override
        public void writeNumber(BigDecimal value) throws IOException {
            if (value == null) {
                delegate.writeNull();
            } else {
                delegate.writeNumber(decimalText(value));
            }
        }
    }

    /**
     * A number read from a file: a double where one holds it as written (what every reader of this
     * tool asks for, and what {@code JSON.stringify} writes), else the decimal as read, so that a
     * rewrite keeps {@code 1e400} or {@code 5e-324} rather than writing "Infinity" or a neighbour.
     */
    private static final class ReadNumbers extends JsonNodeFactory {

        private static final long serialVersionUID = 1L;

        ReadNumbers() {
            // Exact: the parsed decimal as it is, not stripped first; which node it becomes is decided here.
            super(true);
        }

        @Override
        public ValueNode numberNode(BigDecimal value) {
            if (value == null) {
                return nullNode();
            }
            double number = value.doubleValue();
            return holds(number, value) ? numberNode(number) : DecimalNode.valueOf(value);
        }
    }

    /** Whether {@code number} is {@code value} as {@code JSON.stringify} would write it back. */
    private static boolean holds(double number, BigDecimal value) {
        if (!Double.isFinite(number)) {
            return false;
        }
        if (number == 0) {
            return value.signum() == 0;
        }
        // Up to 15 digits a normal double gives back as written (DBL_DIG): no text to compare.
        if (value.precision() <= 15 && Math.abs(number) >= Double.MIN_NORMAL) {
            return true;
        }
        return new BigDecimal(javaScriptText(number)).compareTo(value) == 0;
    }

    /**
     * How a decimal is written: as {@code JSON.stringify} writes the double it is, when one holds it;
     * else its own digits, plain where ECMAScript writes plain ({@code 1e-6} up to {@code 1e21}), with an
     * exponent elsewhere ({@code 1e400}, {@code -2.5e-400}).
     */
    public static String decimalText(BigDecimal value) {
        double number = value.doubleValue();
        if (holds(number, value)) {
            return javaScriptText(number);
        }
        BigDecimal decimal = value.stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -6 && exponent < 21) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        return (decimal.signum() < 0 ? "-" : "") + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1)
                : "") + "e" + exponent;
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
