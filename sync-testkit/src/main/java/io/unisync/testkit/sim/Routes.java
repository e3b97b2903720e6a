package io.unisync.testkit.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A simulator's route table: which handler answers a method and path. A route matches a whole path, a path between a
 * prefix and a suffix (the handler gets the part between, an id say), every path under a prefix, or a path that matches
 * a pattern; the first route that matches, in the order they were added, answers. Built once, then only read: safe to
 * share between threads.
 *
 * @param <C> what a handler is given about the request
 * @param <A> what a handler answers
 */
final class Routes<C, A> {

  /** Answers one request; {@code part} is what a {@link #between} or {@link #under} route matched, else the path. */
  @FunctionalInterface
  interface Handler<C, A> {
    A answer(C call, String part) throws IOException;
  }

  /** Writes its answer itself: for the routes of {@link #writes}. */
  @FunctionalInterface
  interface Writer<C> {
    void write(C call, String part) throws IOException;
  }

  /** What a handler of {@link #writes} answers: that it has sent its answer. */
  enum Sent { SENT }

  /** A handler that writes its own answer (a status and body of its choosing). */
  static <C> Handler<C, Sent> writes(Writer<C> writer) {
    return (call, part) -> {
      writer.write(call, part);
      return Sent.SENT;
    };
  }

  /** A route that matched: its handler and the part of the path it matched. */
  record Match<C, A>(Handler<C, A> handler, String part) {
    A answer(C call) throws IOException {
      return handler.answer(call, part);
    }
  }

  private record Route<C, A>(@Nullable String method, String prefix, @Nullable String suffix, boolean whole, @Nullable Pattern pattern,
      Handler<C, A> handler) {
    @Nullable String part(String requestMethod, String path) {
      if (method != null && !method.equals(requestMethod)) {
        return null;
      }
      if (pattern != null) {
        return pattern.matcher(path).matches() ? path : null;
      }
      if (whole) {
        return path.equals(prefix) ? path : null;
      }
      if (!path.startsWith(prefix)) {
        return null;
      }
      String rest = path.substring(prefix.length());
      if (suffix == null) {
        return rest;
      }
      return rest.endsWith(suffix) && rest.length() > suffix.length() ? rest.substring(0, rest.length() - suffix.length()) : null;
    }
  }

  private final List<Route<C, A>> routes = new ArrayList<>();

  /** {@code path} exactly, by any method. */
  Routes<C, A> on(String path, Handler<C, A> handler) {
    return add(null, path, null, true, null, handler);
  }

  /** {@code path} exactly, by {@code method} only. */
  Routes<C, A> on(String method, String path, Handler<C, A> handler) {
    return add(method, path, null, true, null, handler);
  }

  /** Paths {@code prefix + part + suffix} with a part of at least one character, by any method. */
  Routes<C, A> between(String prefix, String suffix, Handler<C, A> handler) {
    return add(null, prefix, suffix, false, null, handler);
  }

  /** Every path that starts with {@code prefix}, by any method; the part is the rest of the path. */
  Routes<C, A> under(String prefix, Handler<C, A> handler) {
    return under(null, prefix, handler);
  }

  /** Every path that starts with {@code prefix}, by {@code method} (any when null); the part is the rest of the path. */
  Routes<C, A> under(@Nullable String method, String prefix, Handler<C, A> handler) {
    return add(method, prefix, null, false, null, handler);
  }

  /** Paths that match {@code regex} as a whole, by {@code method}; the part is the path. */
  Routes<C, A> matching(String method, String regex, Handler<C, A> handler) {
    return add(method, "", null, false, Pattern.compile(regex), handler);
  }

  private Routes<C, A> add(@Nullable String method, String prefix, @Nullable String suffix, boolean whole, @Nullable Pattern pattern,
      Handler<C, A> handler) {
    routes.add(new Route<>(method, prefix, suffix, whole, pattern, handler));
    return this;
  }

  /** The first route that matches, or null. */
  @Nullable Match<C, A> find(String method, String path) {
    for (Route<C, A> route : routes) {
      String part = route.part(method, path);
      if (part != null) {
        return new Match<>(route.handler(), part);
      }
    }
    return null;
  }
}
