package io.specweave.deploy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every JSON input of this tool is read, so that each reads the same way and each error reads
 * the same way: UTF-8 with or without a byte order mark, any line ends, trailing commas accepted
 * ({@link #parseObjectStrictFirst} says where, for a file that {@code JSON.parse} reads too);
 * a key given twice keeps its last value, as {@code JSON.parse} (and so SpecWeave) does; more text
 * after the value, nesting deeper than {@value #MAX_NESTING} levels or a file over
 * {@value #MAX_FILE_MIB} MiB are refused. Errors are in the user's words with the line and column,
 * never the parser's.
 */
public final class JsonInput {

    /** Larger than any real config, metadata or results file; bounds the memory one read can take. */
    public static final int MAX_FILE_MIB = 64;
    public static final int MAX_NESTING = StreamReadConstraints.DEFAULT_MAX_DEPTH;

    /** What a file may hold beyond plain JSON. */
    public enum Syntax {
        /** SpecWeave's files and the results of other tools: JSON, which has no comments. */
        JSON,
        /** This tool's own files that people annotate ({@code feature-flags.json}): {@code //} and block comments. */
        JSON_WITH_COMMENTS
    }

    private static final JsonFactory COMMENTS = Json.mapper().getFactory().rebuild()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    /** JSON as {@code JSON.parse} reads it: no trailing comma (the byte order mark is told apart before). */
    private static final JsonFactory STRICT = Json.mapper().getFactory().rebuild()
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    private static final Pattern START_MARKER = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern CLOSE_MARKER = Pattern.compile("Unexpected close marker '(.)': expected '(.)'");
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '([^']*)'");
    private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("Non-standard token '([^']*)'");
    private static final Pattern ESCAPE = Pattern.compile("Unrecognized character escape '(.)'");
    private static final String VALUES = "a string in double quotes, a number, true, false, null, an object or an array";

    private JsonInput() {
    }

    /** The factory that reads {@code syntax}; a streaming reader of a file uses it so it reads what the tree reader reads. */
    public static JsonFactory factory(Syntax syntax) {
        return syntax == Syntax.JSON_WITH_COMMENTS ? COMMENTS : Json.mapper().getFactory();
    }

    /**
     * A file's text, decoded as UTF-8 (a byte order mark is kept; {@link #parse} skips it). A missing file is left to
     * the caller (it often means "nothing yet"); a file that is too large, not UTF-8 or unreadable is
     * bad input naming {@code source}.
     */
    public static String readText(Path file, String source) throws NoSuchFileException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_MIB * 1024L * 1024L) {
                throw new BadInputException(source + ": " + (size / (1024 * 1024)) + " MiB is larger than the "
                        + MAX_FILE_MIB + " MiB this tool reads from a JSON file");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw e;
        } catch (CharacterCodingException e) {
            throw new BadInputException(source + ": not UTF-8 text; save it as UTF-8 (JSON files are UTF-8)", e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot be read: " + FileProblem.of(e), e);
        }
    }

    /** {@code text} without a leading UTF-8 byte order mark. */
    public static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Parses {@code text} holding one JSON value. Null when the text holds nothing but white space
     * (and comments, where allowed): callers say what an empty input means.
     */
    public static JsonNode parse(String text, String source, Syntax syntax) {
        return parse(text, Message.text(source), nameOf(source), syntax);
    }

    /** {@link #parse(String, String, Syntax)} for an input that is not a file, such as an option's value. */
    public static JsonNode parse(String text, Message source, Syntax syntax) {
        return parse(text, source, null, syntax);
    }

    /** Parses {@code text} that must hold a JSON object. */
    public static ObjectNode parseObject(String text, String source, Syntax syntax) {
        JsonNode node = parse(text, source, syntax);
        if (node == null) {
            throw new BadInputException(source + ": expected a JSON object, but the file is empty");
        }
        if (!node.isObject()) {
            throw new BadInputException(source + ": expected a JSON object at the top level, got " + kind(node));
        }
        return (ObjectNode) node;
    }

    /** Where in a text: 1-based, as the errors of this class say it. */
    public record Position(int line, int column) {

        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }

    /**
     * A JSON object as read, and what of its text {@code JSON.parse} refuses though this tool read past it.
     *
     * @param object         the object
     * @param byteOrderMark  the text starts with a byte order mark
     * @param trailingCommas each comma before a {@code '}'} or {@code ']'}, in the order of the text
     */
    public record Parsed(ObjectNode object, boolean byteOrderMark, List<Position> trailingCommas) {

        public Parsed {
            trailingCommas = List.copyOf(trailingCommas);
        }
    }

    /**
     * {@link #parseObject} of a file JavaScript's {@code JSON.parse} also reads (SpecWeave's own), saying
     * where it departs from what that accepts. A file without a trailing comma takes one strict parse; only
     * when that fails is it read as every input is (which gives its error, if it has one) and its trailing
     * commas, the one thing more that read accepts, looked for.
     */
    public static Parsed parseObjectStrictFirst(String text, String source) {
        boolean bom = text.startsWith("\uFEFF");
        String body = withoutBom(text);
        try (JsonParser parser = STRICT.createParser(body)) {
            JsonNode node = Json.mapper().readTree(parser);
            if (node != null && node.isObject() && parser.nextToken() == null) {
                return new Parsed((ObjectNode) node, bom, List.of());
            }
        } catch (IOException e) {
            // Read again below as every input is: that gives the error in the user's words, or accepts it.
        }
        ObjectNode object = parseObject(text, source, Syntax.JSON);
        return new Parsed(object, bom, trailingCommas(body));
    }

    /** The commas just before a closing bracket of {@code body}, which has been read whole without an error. */
    private static List<Position> trailingCommas(String body) {
        List<Position> commas = new ArrayList<>();
        try (JsonParser parser = factory(Syntax.JSON).createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    continue;
                }
                int at = (int) parser.currentTokenLocation().getCharOffset() - 1;
                while (at >= 0 && isSpace(body.charAt(at))) {
                    at--;
                }
                if (at >= 0 && body.charAt(at) == ',') {
                    commas.add(position(body, at));
                }
            }
        } catch (IOException e) {
            // Not reached: the same text was just read whole by the same factory.
        }
        return commas;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Where {@code offset} is, counting line ends as the parser does ({@code \r\n}, {@code \n} or {@code \r}). */
    private static Position position(String text, int offset) {
        int line = 1;
        int start = 0;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                start = i + 1;
            }
        }
        return new Position(line, offset - start + 1);
    }

    /** {@link #parse(String, String, Syntax)} for a file that messages name with more than its path. */
    public static JsonNode parse(String text, Message source, String fileName, Syntax syntax) {
        String body = withoutBom(text);
        try (JsonParser parser = factory(syntax).createParser(body)) {
            try {
                JsonNode node = Json.mapper().readTree(parser);
                if (node == null || node.isMissingNode()) {
                    return null;
                }
                if (parser.nextToken() != null) {
                    JsonLocation at = parser.currentTokenLocation();
                    throw new BadInputException(source.then(": not valid JSON" + where(at.getLineNr(), at.getColumnNr())
                            + ": more text after the end of the JSON value; a file holds one value"));
                }
                return node;
            } catch (JacksonException e) {
                throw new BadInputException(null, source.then(": not valid JSON" + problem(e, parser, body, fileName)), e);
            }
        } catch (IOException e) {
            throw new BadInputException(null, source.then(": cannot be read: " + FileProblem.of(e)), e);
        }
    }

    /**
     * Where and what is wrong, in the words of someone who edits JSON by hand, to follow "not valid JSON":
     * " at line 4, column 3: comments are not allowed in config.json (JSON has none); remove the // comment".
     *
     * @param parser   the parser that failed (its position is used when the error has none), or null
     * @param text     the text it read, to tell a {@code //} comment from a block comment
     * @param fileName the file's name for messages, or null for an input that is not a file
     */
    public static String problem(JacksonException e, JsonParser parser, String text, String fileName) {
        JsonLocation location = e.getLocation() != null ? e.getLocation()
                : parser == null ? null : parser.currentLocation();
        return (location == null ? "" : where(location.getLineNr(), location.getColumnNr())) + ": "
                + what(e, location, text, fileName);
    }

    private static String what(JacksonException e, JsonLocation location, String text, String fileName) {
        int offset = location == null ? -1 : (int) location.getCharOffset();
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        char found = text != null && offset >= 0 && offset < text.length() ? text.charAt(offset) : 0;
        if (e instanceof StreamConstraintsException) {
            return limit(message);
        }
        if (message.contains("ALLOW_COMMENTS") || message.contains("(non-standard) comment")) {
            String kind = text != null && offset + 1 < text.length() && text.charAt(offset + 1) == '*' ? "/* */" : "//";
            return "comments are not allowed " + (fileName == null ? "here" : "in " + fileName)
                    + " (JSON has none); remove the " + kind + " comment";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            if (message.contains("closing quote")) {
                return "the text ends inside a string; a closing \" is missing";
            }
            Matcher start = START_MARKER.matcher(message);
            String opened = start.find() ? " opened at line " + start.group(1) + ", column " + start.group(2) : "";
            if (message.contains("for Object")) {
                return "the text ends before the object" + opened + " is closed; a '}' is missing";
            }
            if (message.contains("for Array")) {
                return "the text ends before the array" + opened + " is closed; a ']' is missing";
            }
            return "the text ends before the JSON value is complete";
        }
        Matcher close = CLOSE_MARKER.matcher(message);
        if (close.find()) {
            Matcher start = START_MARKER.matcher(message);
            String opened = start.find() ? " opened at line " + start.group(1) + ", column " + start.group(2) : "";
            return "found '" + close.group(1) + "' where '" + close.group(2) + "' should close the "
                    + ("}".equals(close.group(2)) ? "object" : "array") + opened;
        }
        if (message.contains("no open") && message.contains("to close")) {
            return "found '" + (found == 0 ? "}" : found) + "' with nothing open to close";
        }
        if (message.contains("double-quote to start field name")) {
            if (found == '\'') {
                return "keys are written in double quotes, not single quotes";
            }
            if (found == ',') {
                return "found ',' where a key was expected; is there a comma too many?";
            }
            return "expected a key in double quotes, found " + describe(found);
        }
        if (message.contains("colon to separate field name and value")) {
            return "expected ':' after the key, found " + describe(found);
        }
        if (message.contains("comma to separate Object entries")) {
            return "expected ',' or '}' after the value, found " + describe(found) + "; is a comma missing?";
        }
        if (message.contains("comma to separate Array entries")) {
            return "expected ',' or ']' after the value, found " + describe(found) + "; is a comma missing?";
        }
        Matcher token = UNRECOGNIZED_TOKEN.matcher(message);
        if (token.find()) {
            // At most a few characters of what was found: a message never reprints a file's content.
            String word = token.group(1).length() > 40 ? token.group(1).substring(0, 40) + "..." : token.group(1);
            return "unexpected '" + word + "'; expected a value: " + VALUES
                    + " (strings are in double quotes)";
        }
        Matcher nonStandard = NON_STANDARD_TOKEN.matcher(message);
        if (nonStandard.find()) {
            return nonStandard.group(1) + " is not a JSON number; write a number or null";
        }
        if (message.contains("expected a valid value")) {
            if (found == '\'') {
                return "strings are written in double quotes, not single quotes";
            }
            return "expected a value (" + VALUES + "), found " + describe(found);
        }
        if (message.contains("Illegal unquoted character")) {
            return "a line break, tab or other control character inside a string; write it as an escape "
                    + "(\\n, \\t, \\u0000)";
        }
        Matcher escape = ESCAPE.matcher(message);
        if (escape.find()) {
            return "unknown escape \\" + escape.group(1) + " in a string; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r "
                    + "\\t and \\uXXXX";
        }
        if (message.contains("Leading zeroes")) {
            return "a number starts with 0; JSON numbers have no leading zeros";
        }
        if (message.contains("numeric value") || message.contains("Numeric value")) {
            return "not a valid number";
        }
        if (message.contains("Invalid UTF-8") || message.contains("Invalid UTF-16")) {
            return "not UTF-8 text";
        }
        return (found == 0 ? "unexpected text" : "unexpected " + describe(found));
    }

    /** A constraint Jackson enforces, in plain words. */
    private static String limit(String message) {
        if (message.contains("nesting depth")) {
            return "nesting deeper than " + MAX_NESTING + " levels of objects and arrays";
        }
        if (message.contains("String value length")) {
            return "a string longer than " + StreamReadConstraints.DEFAULT_MAX_STRING_LEN + " characters";
        }
        if (message.contains("Number value length")) {
            return "a number longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " characters";
        }
        if (message.contains("Name length")) {
            return "a key longer than " + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters";
        }
        return "larger than this tool reads";
    }

    private static String where(int line, int column) {
        return line < 1 ? "" : " at line " + line + (column < 1 ? "" : ", column " + column);
    }

    private static String describe(char c) {
        return switch (c) {
            case 0 -> "the end of the text";
            case '\n', '\r' -> "a line break";
            case '\t' -> "a tab";
            default -> Character.isISOControl(c) ? "a control character" : "'" + c + "'";
        };
    }

    /** The last part of a path as messages name a file: {@code config.json}. */
    private static String nameOf(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash < 0 ? source : source.substring(slash + 1);
    }

    /** "42", "an object", "an array": how a message names a value it did not expect. */
    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        return node.toString();
    }
}
