package io.unisync.core.wire;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for a vendor's URL, used by the adapters' settings and by every configuration surface (the command
 * line's YAML, the Spring Boot properties), so they cannot disagree: absolute, {@code https} (plain {@code http} only
 * on loopback: {@code 127.0.0.0/8}, {@code localhost}, {@code [::1]}), a host, no credentials inside it
 * ({@code user:password@} would end up in logs, messages and tables), no query or fragment. Problems never quote a
 * URL's credentials.
 */
public final class Endpoints {

  private Endpoints() {}

  /**
   * Every problem with {@code url}, each naming {@code name}; empty when it is fine.
   *
   * @param name the setting as the user wrote it ("baseUrl", "unisync.marketo.base-url", "tenants[0].marketo.baseUrl")
   * @param example a URL to show in the message ("https://284-RPR-133.mktorest.com")
   * @param url the URL, or {@code null} when missing
   * @return the problems
   */
  public static List<String> problems(String name, @Nullable URI url, String example) {
    List<String> problems = new ArrayList<>();
    if (url == null || !url.isAbsolute() || url.getHost() == null || url.getHost().isBlank()) {
      problems.add(name + " must be an absolute URL with a host, such as " + example
          + (url == null || url.getRawUserInfo() != null ? "" : " (was " + url + ")"));
      return problems;
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (url.getRawUserInfo() != null) {
      problems.add(name + " must not carry credentials (a user name or password before the host " + url.getHost() + "): give"
          + " them in the client id and secret settings; the URL is logged and stored, its credentials would be too");
    }
    if (!scheme.equals("https") && !scheme.equals("http")) {
      problems.add(name + " must be an http(s) URL, such as " + example + " (scheme was " + scheme + ")");
    } else if (scheme.equals("http") && !isLoopback(url.getHost())) {
      problems.add(name + " must use https (plain http is allowed on loopback only): " + url.getHost());
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      problems.add(name + " must not have a query or a fragment (" + url.getHost() + ")");
    }
    return problems;
  }

  /**
   * Whether {@code host} (as {@link URI#getHost()} gives it) is this machine: {@code 127.0.0.0/8}, {@code localhost},
   * {@code ::1}.
   *
   * @param host the host
   * @return whether it is loopback
   */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }

  /**
   * {@code url} without credentials (user info), for anything that prints or stores it.
   *
   * @param url the URL
   * @return the URL without user info
   */
  public static String withoutCredentials(URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    String text = url.toString();
    int at = text.indexOf(url.getRawUserInfo() + "@");
    return at < 0 ? url.getScheme() + "://" + url.getHost() : text.substring(0, at) + text.substring(at + url.getRawUserInfo().length() + 1);
  }
}
