package net.vdn.controller.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does in a SAML sign-in, over plain HTTP: follows redirects, keeps cookies, fills
 * in and posts the IdP's login form, and posts the form the IdP answers with (the SAMLResponse) to
 * where it says, as the page's script would. Then calls the API with its cookies, as the portal
 * does.
 */
final class SamlBrowser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FORM =
      Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern INPUT =
      Pattern.compile("<input\\b([^>]*)>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([A-Za-z-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

  /** A form of a page: where it goes, and its fields with their values. */
  record Form(URI action, Map<String, String> fields) {
    Form with(String name, String value) {
      Map<String, String> f = new LinkedHashMap<>(fields);
      f.put(name, value);
      return new Form(action, f);
    }
  }

  private final CookieManager cookies = new CookieManager();
  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpResponse<String> get(String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form as a browser does (URL-encoded), following the redirects of the answer. */
  HttpResponse<String> submit(Form form) throws Exception {
    StringJoiner body = new StringJoiner("&");
    form.fields()
        .forEach(
            (k, v) ->
                body.add(
                    URLEncoder.encode(k, StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return client.send(
        HttpRequest.newBuilder(form.action())
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The first form of a page, or empty when it has none. */
  static Optional<Form> form(HttpResponse<String> page) {
    Matcher m = FORM.matcher(page.body());
    if (!m.find()) {
      return Optional.empty();
    }
    String action = attributes(m.group(1)).getOrDefault("action", "");
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher in = INPUT.matcher(m.group(2));
    while (in.find()) {
      Map<String, String> a = attributes(in.group(1));
      String type = a.getOrDefault("type", "text").toLowerCase(java.util.Locale.ROOT);
      if (a.containsKey("name") && !type.equals("submit") && !type.equals("button")) {
        fields.put(a.get("name"), a.getOrDefault("value", ""));
      }
    }
    return Optional.of(new Form(resolve(page.uri(), action), fields));
  }

  /** A form's action against its page's address, as RFC 3986 says (URI.resolve predates it). */
  private static URI resolve(URI page, String action) {
    if (action.isEmpty() || action.startsWith("?")) {
      String here = page.toString();
      int query = here.indexOf('?');
      return URI.create((query < 0 ? here : here.substring(0, query)) + action);
    }
    return page.resolve(action);
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = ATTRIBUTE.matcher(tag);
    while (m.find()) {
      String v = m.group(3) != null ? m.group(3) : m.group(4);
      out.put(m.group(1).toLowerCase(java.util.Locale.ROOT), unescape(v));
    }
    return out;
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#039;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** A cookie this browser holds for {@code url}, by name. */
  Optional<HttpCookie> cookie(String url, String name) {
    return cookies.getCookieStore().get(URI.create(url)).stream()
        .filter(c -> c.getName().equals(name))
        .findFirst();
  }

  /**
   * Calls the API as the portal's script does: with the browser's cookies and, for changes, the
   * {@code X-Requested-With} header.
   */
  Caller.Answer api(String method, String url, String json, boolean xhr) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (xhr) {
      r.header("X-Requested-With", "XMLHttpRequest");
    }
    HttpResponse<String> a = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = null;
    if (!a.body().isEmpty() && a.headers().firstValue("Content-Type").orElse("").contains("json")) {
      body = JSON.readTree(a.body());
    }
    return new Caller.Answer(a.statusCode(), body, a.body(), a);
  }
}
