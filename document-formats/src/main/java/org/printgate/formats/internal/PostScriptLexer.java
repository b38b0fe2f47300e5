package org.printgate.formats.internal;

/**
 * Just enough of the PostScript scanner (PLRM 3rd ed., section 3.2) to find executed
 * {@code showpage} tokens in a byte stream: it skips comments, literal strings (nested parentheses,
 * backslash escapes), ASCII85 strings and literal names ({@code /showpage}), and sees the rest as
 * tokens between delimiters. Hex strings need no care: they cannot contain the letters of
 * "showpage".
 *
 * <p>The caller feeds every byte except line terminators, and reports line ends separately, so
 * that it can keep its own line bookkeeping.
 */
final class PostScriptLexer {

    private static final byte[] SHOWPAGE = {'s', 'h', 'o', 'w', 'p', 'a', 'g', 'e'};

    private enum State { CODE, COMMENT, STRING, ASCII85 }

    private State state = State.CODE;
    private int stringDepth;
    private boolean escaped;
    private int previous;
    private int tokenLength;
    private boolean tokenMatches;
    private boolean literalName;

    /** Feeds a byte that is not CR or LF; true if a {@code showpage} token ended just before it. */
    boolean accept(int b) {
        int before = previous;
        previous = b;
        switch (state) {
            case COMMENT:
                return false;
            case STRING:
                inString(b);
                return false;
            case ASCII85:
                if (b == '>' && before == '~') {
                    state = State.CODE;
                }
                return false;
            default:
                return inCode(b, before);
        }
    }

    /** A line ends; true if a {@code showpage} token ended with it. */
    boolean endOfLine() {
        previous = '\n';
        if (state == State.COMMENT) {
            state = State.CODE;
            return false;
        }
        return state == State.CODE && endToken();
    }

    /** The input ends; true if a {@code showpage} token ended with it. */
    boolean endOfInput() {
        return state == State.CODE && endToken();
    }

    private boolean inCode(int b, int before) {
        if (b == '~' && before == '<') {
            state = State.ASCII85;
            tokenLength = 0;
            return false;
        }
        if (!isDelimiter(b)) {
            tokenMatches = tokenLength < SHOWPAGE.length && (tokenLength == 0 || tokenMatches)
                    && SHOWPAGE[tokenLength] == b;
            tokenLength++;
            return false;
        }
        boolean showpage = endToken();
        if (b == '%') {
            state = State.COMMENT;
        } else if (b == '(') {
            state = State.STRING;
            stringDepth = 1;
            escaped = false;
        } else if (b == '/') {
            literalName = true;
        }
        return showpage;
    }

    private void inString(int b) {
        if (escaped) {
            escaped = false;
        } else if (b == '\\') {
            escaped = true;
        } else if (b == '(') {
            stringDepth++;
        } else if (b == ')' && --stringDepth == 0) {
            state = State.CODE;
        }
    }

    private boolean endToken() {
        boolean showpage = !literalName && tokenMatches && tokenLength == SHOWPAGE.length;
        tokenLength = 0;
        tokenMatches = false;
        literalName = false;
        return showpage;
    }

    private static boolean isDelimiter(int b) {
        switch (b) {
            case ' ': case '\t': case '\r': case '\n': case '\f': case 0:
            case '(': case ')': case '<': case '>': case '[': case ']': case '{': case '}': case '/': case '%':
                return true;
            default:
                return false;
        }
    }
}
