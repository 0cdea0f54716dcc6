package io.hwplatform.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Gogo command line into its top-level commands, so that the launcher can print what each one returns
 * (Gogo itself returns only the last value of {@code a; b; c}).
 */
final class CommandLines {

    private CommandLines() {}

    /**
     * Splits at {@code ;} and newlines that are outside quotes, brackets, braces and parentheses and not escaped.
     *
     * @return the non-blank commands, trimmed, in order
     * @throws IllegalArgumentException when a quote or bracket is left open
     */
    static List<String> split(String commandLine) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        StringBuilder open = new StringBuilder(); // the closing characters we are waiting for, innermost last
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            char awaited = open.length() == 0 ? 0 : open.charAt(open.length() - 1);
            boolean inQuote = awaited == '\'' || awaited == '"';
            if (c == '\\' && awaited != '\'' && i + 1 < commandLine.length()) {
                current.append(c).append(commandLine.charAt(++i));
                continue;
            }
            if (c == awaited) {
                open.setLength(open.length() - 1);
            } else if (!inQuote && closing(c) != 0) {
                open.append(closing(c));
            } else if (!inQuote && (c == ')' || c == ']' || c == '}')) {
                throw new IllegalArgumentException("unbalanced '" + c + "' at position " + i + ": " + commandLine);
            } else if (open.length() == 0 && (c == ';' || c == '\n')) {
                add(commands, current);
                continue;
            }
            current.append(c);
        }
        if (open.length() > 0) {
            throw new IllegalArgumentException(
                    "unclosed '" + opening(open.charAt(open.length() - 1)) + "' in: " + commandLine);
        }
        add(commands, current);
        return commands;
    }

    private static char closing(char c) {
        return switch (c) {
            case '\'' -> '\'';
            case '"' -> '"';
            case '(' -> ')';
            case '[' -> ']';
            case '{' -> '}';
            default -> 0;
        };
    }

    private static char opening(char closing) {
        return switch (closing) {
            case ')' -> '(';
            case ']' -> '[';
            case '}' -> '{';
            default -> closing;
        };
    }

    private static void add(List<String> commands, StringBuilder current) {
        String command = current.toString().trim();
        if (!command.isEmpty()) {
            commands.add(command);
        }
        current.setLength(0);
    }
}
