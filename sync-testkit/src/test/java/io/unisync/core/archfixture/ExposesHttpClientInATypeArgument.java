package io.unisync.core.archfixture;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/** A vendor type hidden in a type argument: it ties the host to the vendor as much as the type itself. */
public class ExposesHttpClientInATypeArgument {
  public void sendThrough(Supplier<HttpClient> clients) {
  }
}
