package io.dayshift.lab.ssh;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into simple commands joined by {@code &&}, each a list of words, the way a POSIX shell reads
 * the lines {@code ShellCommand} produces: single quotes (with {@code '\''} for a quote inside), double quotes,
 * backslash escapes. Anything a real shell would expand or redirect ({@code | ; > < & $ `} and so on, unquoted) is
 * refused: the lab never hands a line to a shell.
 */
public final class CommandLine {

    /** A line the lab does not run. */
    public static final class UnsupportedSyntaxException extends RuntimeException {
        UnsupportedSyntaxException(String message) {
            super(message);
        }
    }

    private CommandLine() {
    }

    public static List<List<String>> parse(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new UnsupportedSyntaxException("Syntax error: Unterminated quoted string");
                }
                word = word == null ? new StringBuilder() : word;
                word.append(line, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                word = word == null ? new StringBuilder() : word;
                i++;
                while (i < line.length() && line.charAt(i) != '"') {
                    char d = line.charAt(i);
                    if (d == '$' || d == '`') {
                        throw new UnsupportedSyntaxException("the lab shell does not expand '" + d + "'");
                    }
                    if (d == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        i++;
                        d = line.charAt(i);
                    }
                    word.append(d);
                    i++;
                }
                if (i >= line.length()) {
                    throw new UnsupportedSyntaxException("Syntax error: Unterminated quoted string");
                }
                i++;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new UnsupportedSyntaxException("Syntax error: trailing backslash");
                }
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '&' && i + 1 < line.length() && line.charAt(i + 1) == '&') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (words.isEmpty()) {
                    throw new UnsupportedSyntaxException("Syntax error: \"&&\" unexpected");
                }
                commands.add(words);
                words = new ArrayList<>();
                i += 2;
            } else if ("|;<>&$`()*?[]{}~#".indexOf(c) >= 0 && !(word != null && (c == '#' || c == '~'))) {
                throw new UnsupportedSyntaxException("the lab shell runs only simple commands joined by && (found '" + c + "')");
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            if (!commands.isEmpty()) {
                throw new UnsupportedSyntaxException("Syntax error: end of file unexpected");
            }
        } else {
            commands.add(words);
        }
        return commands;
    }
}
