package io.hwplatform.support.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletResponse;

/** What the servlets answer: text of a media type, sent whole with its length (no chunking for small documents). */
public final class Responses {

    private Responses() {}

    /** Sends the text as UTF-8 with that content type; headers set before stay. */
    public static void send(HttpServletResponse response, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
