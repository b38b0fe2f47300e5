package org.printgate.ipp;

import java.nio.charset.StandardCharsets;

/** Something an IPP object serves over plain HTTP GET: its status page, its icons. */
public record HttpResource(String contentType, byte[] body) {

    public static HttpResource html(String html) {
        return new HttpResource("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
