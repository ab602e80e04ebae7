package org.avmam.api;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the API as application/problem+json, its title and detail in the caller's language. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemTexts texts;

    public ProblemMappers(ProblemTexts texts) {
        this.texts = texts;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, HttpHeaders headers) {
        return problem(e, uri, headers);
    }

    /** The problem for a refusal, in the language the request asks for. */
    public Response problem(ApiException e, UriInfo uri, HttpHeaders headers) {
        String language = language(headers);
        return problem(e.status(), texts.title(language, e.title()), e.detail(texts, language), uri, language);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        String language = language(headers);
        return problem(400, texts.title(language, "Invalid request"), detail, uri, language);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        String language = language(headers);
        return problem(status, texts.title(language, e.getResponse().getStatusInfo().getReasonPhrase()), texts.detail(language, e.getMessage()),
                uri, language);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Exception e, UriInfo uri, HttpHeaders headers) {
        LOG.errorf(e, "Unhandled error on %s", uri.getPath());
        String language = language(headers);
        return problem(500, texts.title(language, "Internal server error"),
                texts.detail(language, "The server failed to handle the request; see its log."), uri, language);
    }

    public static String language(HttpHeaders headers) {
        if (headers == null) {
            return Languages.ENGLISH;
        }
        Cookie c = headers.getCookies().get(Languages.COOKIE);
        return Languages.choose(c == null ? null : c.getValue(), headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    public static Response problem(int status, String title, String detail, UriInfo uri) {
        return problem(status, title, detail, uri, Languages.ENGLISH);
    }

    public static Response problem(int status, String title, String detail, UriInfo uri, String language) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .header("Content-Language", language)
                .header("Vary", "Accept-Language, Cookie")
                .entity(new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath()))
                .build();
    }
}
