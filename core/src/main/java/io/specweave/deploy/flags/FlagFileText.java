package io.specweave.deploy.flags;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.specweave.deploy.JsonInput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Sets one flag in the text of {@code feature-flags.json} and changes nothing else: the team's
 * comments, key order, indentation and other keys stay as they were. The file is this tool's (the
 * product document's own example has {@code //} comments), so comments are read; a tree written back
 * would drop them.
 */
public final class FlagFileText {

    /** JSON with {@code //} and {@code /* *}{@code /} comments, as the file may hold. */
    public static final JsonFactory FACTORY = JsonInput.factory(JsonInput.Syntax.JSON_WITH_COMMENTS);

    private FlagFileText() {
    }

    /**
     * {@code text} with {@code environment.flag} set to {@code enabled}: the value replaced where the flag
     * is (or its {@code enabled} where it is an object), else a member added at the end of the
     * environment's object, else an environment added at the end of the file's object.
     *
     * @param text the file's text, valid JSON with comments (an empty text is an empty object)
     */
    public static String set(String text, String environment, String flag, boolean enabled) {
        String source = text.isBlank() ? "{}" : text;
        String value = String.valueOf(enabled);
        try {
            JsonParser p = open(source, new int[0]);
            int rootStart = offset(p);
            int envAt = lastMember(p, environment);
            if (envAt < 0) {
                return addMember(source, rootStart, p, quote(environment) + ": {" + quote(flag) + ": " + value + "}");
            }
            p = open(source, new int[] {envAt});
            Member env = member(p, source);
            if (env.token == JsonToken.VALUE_NULL) {
                return splice(source, env.start, env.end, "{" + quote(flag) + ": " + value + "}");
            }
            int flagAt = lastMember(p, flag);
            if (flagAt < 0) {
                return addMember(source, env.start, p, quote(flag) + ": " + value);
            }
            p = open(source, new int[] {envAt, flagAt});
            Member member = member(p, source);
            if (member.token != JsonToken.START_OBJECT) {
                return splice(source, member.start, member.end, scalar(member, value));
            }
            int enabledAt = lastMember(p, "enabled");
            if (enabledAt < 0) {
                return addMember(source, member.start, p, "\"enabled\": " + value);
            }
            p = open(source, new int[] {envAt, flagAt, enabledAt});
            Member inner = member(p, source);
            return splice(source, inner.start, inner.end, scalar(inner, value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The new value in the kind of the one it replaces: the text {@code "true"} stays text, as the
     * team's application may read it so; a boolean (or null) becomes a boolean.
     */
    private static String scalar(Member replaced, String value) {
        return replaced.token == JsonToken.VALUE_STRING ? quote(value) : value;
    }

    /** A member's value: its first token, and where its text starts and ends (-1 for an object). */
    private record Member(JsonToken token, int start, int end) {
    }

    /**
     * A parser on the value reached by taking, from the top-level object, the member at each index of
     * {@code path} in turn (on the top-level object itself for an empty path). Members are found by
     * index because a key may be given twice, and the last one is the one that counts.
     */
    private static JsonParser open(String text, int[] path) throws IOException {
        JsonParser p = FACTORY.createParser(text);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("expected a JSON object at the top level");
        }
        for (int index : path) {
            for (int i = 0; i < index; i++) {
                p.nextToken();
                p.nextToken();
                p.skipChildren();
            }
            p.nextToken();
            p.nextToken();
        }
        return p;
    }

    private static Member member(JsonParser p, String text) {
        int start = offset(p);
        JsonToken token = p.currentToken();
        return new Member(token, start, token == JsonToken.START_OBJECT ? -1 : scalarEnd(text, token, start));
    }

    /**
     * Reads all members of the object the parser is in and returns the index of the last one named
     * {@code name} ({@code JSON.parse} keeps the last of duplicate keys), or -1; the parser is then on
     * the object's end.
     */
    private static int lastMember(JsonParser p, String name) throws IOException {
        int index = 0;
        int last = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.currentName().equals(name)) {
                last = index;
            }
            p.nextToken();
            p.skipChildren();
            index++;
        }
        return last;
    }

    /** Adds {@code member} at the end of the object starting at {@code open}; the parser is on its end. */
    private static String addMember(String text, int open, JsonParser p, String member) {
        int close = offset(p);
        int last = close - 1;
        while (last > open && (Character.isWhitespace(text.charAt(last)) || inComment(text, open, last))) {
            last--;
        }
        String indent = indentOf(text, open);
        // A file of CR LF lines (a Windows checkout) gets its new line in CR LF too.
        String cr = text.contains("\r\n") ? "\r" : "";
        if (last == open) {
            // An empty object: written out on lines of its own, as the rest of a pretty file is.
            boolean multiLine = text.indexOf('\n') >= 0;
            String inner = multiLine ? cr + "\n" + indent + "  " + member + cr + "\n" + indent : member;
            return text.substring(0, open + 1) + inner + text.substring(close);
        }
        // A trailing comma (accepted, as in every JSON file this tool reads) already separates the new member.
        String comma = text.charAt(last) == ',' ? "" : ",";
        int valueEnd = last + 1;
        int lineEnd = text.indexOf('\n', valueEnd);
        boolean sameLine = lineEnd < 0 || lineEnd > close;
        String memberIndent = sameLine ? " " : indentOf(text, valueEnd) + "";
        if (sameLine) {
            return text.substring(0, valueEnd) + comma + memberIndent + member + text.substring(valueEnd);
        }
        // After the line of the last member, so a comment at its end stays with it.
        return text.substring(0, valueEnd) + comma + text.substring(valueEnd, lineEnd) + "\n" + memberIndent + member
                + cr + text.substring(lineEnd);
    }

    /** True when position {@code at} is inside a {@code //} comment that started on its line after {@code from}. */
    private static boolean inComment(String text, int from, int at) {
        int lineStart = Math.max(from, text.lastIndexOf('\n', at) + 1);
        int slashes = text.indexOf("//", lineStart);
        return slashes >= 0 && slashes < at && !inString(text, lineStart, slashes);
    }

    private static boolean inString(String text, int from, int at) {
        boolean in = false;
        for (int i = from; i < at; i++) {
            char c = text.charAt(i);
            if (c == '\\' && in) {
                i++;
            } else if (c == '"') {
                in = !in;
            }
        }
        return in;
    }

    /** The leading white space of the line holding {@code at}. */
    private static String indentOf(String text, int at) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    private static int scalarEnd(String text, JsonToken token, int start) {
        return switch (token) {
            case VALUE_TRUE, VALUE_NULL -> start + 4;
            case VALUE_FALSE -> start + 5;
            case VALUE_STRING -> {
                int i = start + 1;
                while (text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                yield i + 1;
            }
            default -> {
                int i = start;
                while (i < text.length() && "+-0123456789.eE".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                yield i;
            }
        };
    }

    private static int offset(JsonParser p) {
        return (int) p.currentTokenLocation().getCharOffset();
    }

    private static String splice(String text, int start, int end, String replacement) {
        return text.substring(0, start) + replacement + text.substring(end);
    }

    private static String quote(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
