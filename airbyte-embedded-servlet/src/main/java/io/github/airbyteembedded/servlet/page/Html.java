package io.github.airbyteembedded.servlet.page;

import java.util.Map;

/**
 * Writes HTML elements with every attribute value and text escaped. The output is valid both as
 * HTML and as XHTML/XML: every attribute has a quoted value (a boolean attribute is written {@code
 * defer=""}), and {@code & < > " '} are escaped everywhere.
 */
final class Html {

    private Html() {
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code <name a="v" ...>}, attributes in the map's order; a null value skips the attribute. */
    static StringBuilder openTag(StringBuilder out, String name, Map<String, String> attributes) {
        out.append('<').append(name);
        attributes.forEach((attribute, value) -> {
            if (value != null) {
                checkName(attribute);
                out.append(' ').append(attribute).append("=\"").append(escape(value)).append('"');
            }
        });
        return out.append('>');
    }

    /** Attribute names are never escaped, so they must be plain: letters, digits, '-', '_', ':' and '.'. */
    static void checkName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.')
                || !Character.isLetter(name.charAt(0))) {
            throw new IllegalArgumentException("'" + name + "' is not a valid attribute name");
        }
    }
}
