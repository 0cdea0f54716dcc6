package io.hwplatform.support.shell;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one JSON writer of all commands: nulls kept (a missing fact is {@code null}, not absent), no HTML escaping. */
public final class Json {

    /** Every info command's option for JSON: {@code @Parameter(names = Json.FLAG, presentValue = "true", ...)}. */
    public static final String FLAG = "--json";
    /** The help text of every info command's {@code --json} option. */
    public static final String OPTION = "print one JSON document instead of text";

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Json() {}

    /** @return a map that keeps its keys in the order given, for documents whose field order is part of the shape */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    /** @return one JSON document, on one line, for maps, lists, strings, numbers and booleans */
    public static String write(Object document) {
        return GSON.toJson(document);
    }
}
