package io.specweave.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small helpers for state kept in a Jackson tree (rollout state next to the deployment record), and
 * the lenient reading of a tree's values. Records of that state are mapped to and from trees here by
 * their components, not by Jackson's data binding: building its bean serializers and deserializers
 * costs a cold run (every CI step) more than the rest of the work.
 */
public final class Trees {

    private Trees() {
    }

    /**
     * Writes the components of {@code value} (a record) into {@code target}: a non-null component
     * replaces the key, a null one removes it; keys the record does not know stay as they are.
     */
    public static void merge(ObjectNode target, Record value) {
        ObjectNode fresh = toNode(value);
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            String name = component.getName();
            JsonNode v = fresh.get(name);
            if (v == null || v.isNull()) {
                target.remove(name);
            } else {
                target.set(name, v);
            }
        }
    }

    /** {@code parent.<field>} as an object, created when missing or not an object. */
    /** The field names of {@code node}, copied: the node may be changed while they are gone through. */
    public static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static ObjectNode object(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(field);
    }

    /**
     * Reads a record leniently, each component on its own: a value of the wrong kind reads as null (0
     * or false for a primitive); null when the node is missing or not an object.
     */
    public static <T extends Record> T read(JsonNode node, Class<T> type) {
        return node instanceof ObjectNode object ? type.cast(fromNode(object, type)) : null;
    }

    /**
     * A record's components as a tree, in their order; null ones are left out. Components are text,
     * numbers, booleans, JSON trees, records, and lists and maps of those.
     */
    public static ObjectNode toNode(Record value) {
        ObjectNode node = Json.mapper().createObjectNode();
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            JsonNode v = tree(accessor(component, value));
            if (v != null) {
                node.set(component.getName(), v);
            }
        }
        return node;
    }

    private static JsonNode tree(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (value instanceof Record record) {
            return toNode(record);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = Json.mapper().createArrayNode();
            list.forEach(item -> array.add(tree(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = Json.mapper().createObjectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        return scalar(value);
    }

    private static JsonNode scalar(Object value) {
        var nodes = Json.mapper().getNodeFactory();
        if (value instanceof String text) {
            return nodes.textNode(text);
        } else if (value instanceof Integer number) {
            return nodes.numberNode(number);
        } else if (value instanceof Long number) {
            return nodes.numberNode(number);
        } else if (value instanceof Double number) {
            return nodes.numberNode(number);
        } else if (value instanceof Boolean flag) {
            return nodes.booleanNode(flag);
        }
        throw new IllegalArgumentException("no tree form for " + value.getClass().getName());
    }

    private static Object fromNode(ObjectNode node, Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(node.get(components[i].getName()), components[i].getGenericType());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            // The record refused what was read (its own check): as Jackson's data binding did, nothing is read.
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private static Object value(JsonNode value, Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return text(value);
        } else if (raw == Integer.class || raw == int.class) {
            Integer n = integer(value);
            return n != null ? n : raw == int.class ? Integer.valueOf(0) : null;
        } else if (raw == Long.class || raw == long.class) {
            Long n = longNumber(value);
            return n != null ? n : raw == long.class ? Long.valueOf(0) : null;
        } else if (raw == Double.class || raw == double.class) {
            Double n = decimal(value);
            return n != null ? n : raw == double.class ? Double.valueOf(0) : null;
        } else if (raw == Boolean.class || raw == boolean.class) {
            Boolean b = bool(value);
            return b != null ? b : raw == boolean.class ? Boolean.FALSE : null;
        } else if (JsonNode.class.isAssignableFrom(raw)) {
            return value == null || value.isNull() || !raw.isInstance(value) ? null : value.deepCopy();
        } else if (raw.isRecord()) {
            return value instanceof ObjectNode object ? fromNode(object, raw) : null;
        } else if (raw == List.class) {
            Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            if (value instanceof ArrayNode array) {
                array.forEach(entry -> {
                    Object read = value(entry, item);
                    if (read != null) {
                        list.add(read);
                    }
                });
            }
            return list;
        } else if (raw == Map.class) {
            Type item = ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<String, Object> map = new LinkedHashMap<>();
            if (value instanceof ObjectNode object) {
                object.fields().forEachRemaining(e -> {
                    Object read = value(e.getValue(), item);
                    if (read != null) {
                        map.put(e.getKey(), read);
                    }
                });
            }
            return map;
        }
        throw new IllegalArgumentException("no tree form for " + type.getTypeName());
    }

    private static Object accessor(RecordComponent component, Record value) {
        try {
            var method = component.getAccessor();
            method.setAccessible(true);
            return method.invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** Sets {@code node.<field>} to {@code value}: text, a number, a boolean or a tree; null sets nothing. */
    public static void put(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, value instanceof JsonNode tree ? tree : scalar(value));
        }
    }

    /** {@code node.<field>} as text when it is a scalar (a number reads as its digits); else null. */
    public static String text(JsonNode node, String field) {
        return node == null ? null : text(node.get(field));
    }

    /** {@code node.<field>} as a whole number (a fraction cut off) or text that is one; else, or out of range, null. */
    public static Integer integer(JsonNode node, String field) {
        return node == null ? null : integer(node.get(field));
    }

    /** {@code node.<field>} as a long, read as {@link #integer} is. */
    public static Long longNumber(JsonNode node, String field) {
        return node == null ? null : longNumber(node.get(field));
    }

    /** {@code node.<field>} as a number, or text that is one; else null. */
    public static Double decimal(JsonNode node, String field) {
        return node == null ? null : decimal(node.get(field));
    }

    /** {@code node.<field>} as true or false, or text that says so; else null. */
    public static Boolean bool(JsonNode node, String field) {
        return node == null ? null : bool(node.get(field));
    }

    private static String text(JsonNode value) {
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Integer integer(JsonNode value) {
        Number n = number(value);
        return n == null || n.doubleValue() > Integer.MAX_VALUE || n.doubleValue() < Integer.MIN_VALUE ? null
                : Integer.valueOf(n.intValue());
    }

    private static Long longNumber(JsonNode value) {
        Number n = number(value);
        return n == null || n.doubleValue() > Long.MAX_VALUE || n.doubleValue() < Long.MIN_VALUE ? null
                : Long.valueOf(n.longValue());
    }

    private static Double decimal(JsonNode value) {
        Number n = number(value);
        return n == null ? null : n.doubleValue();
    }

    private static Number number(JsonNode value) {
        if (value != null && value.isNumber()) {
            return value.numberValue();
        }
        if (value != null && value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code value} as true or false, or text that says so in any case; else (and for null) null. */
    public static Boolean bool(JsonNode value) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value != null && value.isTextual() ? value.asText().trim() : "";
        return text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /** Now, to the second, as ISO-8601 UTC text. */
    public static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Equal as JSON values: {@code 45} and {@code 45.0} are the same number, whichever
     * writer (Java, or SpecWeave's {@code JSON.stringify}) wrote the file last.
     */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1
                : x.equals(y) ? 0 : 1, b);
    }
}
