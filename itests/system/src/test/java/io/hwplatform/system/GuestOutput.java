package io.hwplatform.system;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest's console. Jobs print each command's output between {@code === BEGIN name} and {@code === END name rc=N}.
 *
 * @param lines the console, cleaned of terminal escapes
 * @param finished whether the guest powered off before the timeout
 */
record GuestOutput(String name, List<String> lines, boolean finished) {

    /** @return the lines a job section printed */
    List<String> section(String section) {
        List<String> found = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.equals("=== BEGIN " + section)) {
                inside = true;
            } else if (line.startsWith("=== END " + section + " ")) {
                return found;
            } else if (inside) {
                found.add(line);
            }
        }
        throw new AssertionError("no complete section '" + section + "' in the console of " + name + ":\n"
                + String.join("\n", lines));
    }

    /** @return the section's exit status */
    int exitCode(String section) {
        for (String line : lines) {
            if (line.startsWith("=== END " + section + " rc=")) {
                return Integer.parseInt(line.substring(line.lastIndexOf('=') + 1).strip());
            }
        }
        throw new AssertionError("no end of section '" + section + "' in the console of " + name);
    }

    /** @return every JSON object the section printed, one per line, in order */
    List<JsonObject> json(String section) {
        List<JsonObject> documents = new ArrayList<>();
        for (String line : section(section)) {
            if (line.startsWith("{")) {
                JsonElement element = JsonParser.parseString(line);
                documents.add(element.getAsJsonObject());
            }
        }
        return documents;
    }

    @Override
    public String toString() {
        return name + (finished ? "" : " (timed out)") + ":\n" + String.join("\n", lines);
    }
}
