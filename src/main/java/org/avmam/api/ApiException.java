package org.avmam.api;

/**
 * A request the service refuses, with the HTTP status and a sentence for the client. Services
 * throw it for client errors only; anything else is a server error.
 *
 * <p>The sentence is a pattern with numbered places ({@code {0}}, {@code {1}}...) and the values
 * that fill them, so that {@link ProblemTexts} can give it in the caller's language; the English
 * pattern is the key of its translations. The exception's message is the English sentence.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String pattern;
    private final transient Object[] args;

    public ApiException(int status, String title, String detail, Object... args) {
        super(ProblemTexts.fill(detail, args));
        this.status = status;
        this.title = title;
        this.pattern = detail;
        this.args = args.clone();
    }

    public static ApiException notFound(String detail, Object... args) {
        return new ApiException(404, "Not found", detail, args);
    }

    public static ApiException badRequest(String detail, Object... args) {
        return new ApiException(400, "Bad request", detail, args);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The detail in {@code language}: its pattern translated where a translation exists, filled with the values. */
    public String detail(ProblemTexts texts, String language) {
        return texts.detail(language, pattern, args);
    }
}
