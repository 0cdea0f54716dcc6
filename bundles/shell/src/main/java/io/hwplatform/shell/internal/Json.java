package io.hwplatform.shell.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one JSON writer of all commands: nulls kept (a missing fact is {@code null}, not absent), no HTML escaping. */
final class Json {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Json() {}

    /** @return one JSON document, on one line, for maps, lists, strings, numbers and booleans */
    static String write(Object document) {
        return GSON.toJson(document);
    }
}
