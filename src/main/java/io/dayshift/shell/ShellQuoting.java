package io.dayshift.shell;

/** POSIX single quoting, the last line of defence behind {@link Arg}'s patterns. */
public final class ShellQuoting {

    private ShellQuoting() {
    }

    /**
     * The value as one inert shell word: wrapped in single quotes, each {@code '} written as
     * {@code '\''}. Control characters (newlines included) are refused: they have no business in an
     * argument and would make logs misleading.
     */
    public static String quote(String value) {
        if (value == null) {
            throw new IllegalArgumentException("refused a missing (null) argument");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("refused " + printable(value) + ": control characters are not allowed in arguments");
            }
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * The value in double quotes, cut to 80 characters, for messages and logs: control characters, and every character
     * outside printable ASCII (a Cyrillic look-alike, a full-width digit, a zero-width space, a right-to-left mark), as
     * {@code \\uXXXX}, so that a reader sees why a value that looks right was refused and no mark reorders the text.
     */
    public static String printable(String value) {
        if (value == null) {
            return "(missing value)";
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length() && i < 80; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(value.length() > 80 ? "…\"" : "\"").toString();
    }
}
