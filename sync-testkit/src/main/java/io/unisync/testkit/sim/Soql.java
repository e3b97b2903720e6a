package io.unisync.testkit.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SOQL subset the Salesforce simulator understands: {@code SELECT f, g FROM Obj [WHERE c [AND|OR c]...]
 * [ORDER BY f [ASC|DESC], ...] [LIMIT n]} with {@code = != < <= > >= IN (...) NOT IN (...)}, string, number,
 * boolean, null, date and unquoted dateTime literals, and parentheses. Anything else is a
 * {@link MalformedQuery}, which the simulator answers with {@code MALFORMED_QUERY}, as Salesforce does.
 */
final class Soql {

  /** A query Salesforce would refuse, with the error code it answers ({@code MALFORMED_QUERY}, {@code INVALID_FIELD}, ...). */
  static final class MalformedQuery extends io.unisync.core.error.SyncException {
    private static final long serialVersionUID = 1L;
    private final String code;

    MalformedQuery(String message) {
      this("MALFORMED_QUERY", message);
    }

    MalformedQuery(String code, String message) {
      super(message);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /** A parsed query. */
  record Query(List<String> fields, String object, @Nullable Condition where, List<Order> orderBy, int limit, List<String> whereFields) {

    /** Every field the query names: the select list, the WHERE clause and ORDER BY. */
    List<String> namedFields() {
      List<String> all = new ArrayList<>(fields);
      all.addAll(whereFields);
      orderBy.forEach(o -> all.add(o.field()));
      return all;
    }

    /** Whether this is {@code SELECT COUNT() FROM ...}. */
    boolean counts() {
      return fields.equals(List.of(COUNT));
    }
  }

  /** The select list of {@code SELECT COUNT()}. */
  static final String COUNT = "COUNT()";

  /** One ORDER BY term. */
  record Order(String field, boolean descending) {}

  /** A WHERE tree. */
  interface Condition {
    boolean test(Map<String, Object> record);
  }

  private static final DateTimeFormatter SF_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final List<String> tokens;
  private final List<String> whereFields = new ArrayList<>();
  private int at;

  private Soql(List<String> tokens) {
    this.tokens = tokens;
  }

  static Query parse(String soql) {
    Soql parser = new Soql(tokenize(soql));
    return parser.query();
  }

  private Query query() {
    expect("SELECT");
    List<String> fields = new ArrayList<>();
    if (at + 2 < tokens.size() && tokens.get(at).equalsIgnoreCase("COUNT") && tokens.get(at + 1).equals("(")
        && tokens.get(at + 2).equals(")")) {
      at += 3;
      fields.add(COUNT); // SELECT COUNT() FROM ...: the number of rows, no records
    } else {
      do {
        fields.add(identifier());
      } while (accept(","));
    }
    expect("FROM");
    String object = identifier();
    Condition where = null;
    if (accept("WHERE")) {
      where = or();
    }
    List<Order> order = new ArrayList<>();
    if (accept("ORDER")) {
      expect("BY");
      do {
        String field = identifier();
        boolean desc = accept("DESC");
        if (!desc) {
          accept("ASC");
        }
        order.add(new Order(field, desc));
      } while (accept(","));
    }
    int limit = Integer.MAX_VALUE;
    if (accept("LIMIT")) {
      limit = Integer.parseInt(next());
    }
    if (at < tokens.size()) {
      throw new MalformedQuery("unexpected token '" + tokens.get(at) + "'");
    }
    return new Query(fields, object, where, order, limit, List.copyOf(whereFields));
  }

  private Condition or() {
    Condition left = and();
    while (accept("OR")) {
      Condition a = left;
      Condition b = and();
      left = r -> a.test(r) || b.test(r);
    }
    return left;
  }

  private Condition and() {
    Condition left = unary();
    while (accept("AND")) {
      Condition a = left;
      Condition b = unary();
      left = r -> a.test(r) && b.test(r);
    }
    return left;
  }

  private Condition unary() {
    if (accept("NOT")) {
      Condition inner = unary();
      return r -> !inner.test(r);
    }
    if (accept("(")) {
      Condition inner = or();
      expect(")");
      return inner;
    }
    String field = identifier();
    whereFields.add(field);
    String op = next();
    switch (op.toUpperCase(Locale.ROOT)) {
      case "IN":
      case "NOT": {
        boolean negate = op.equalsIgnoreCase("NOT");
        if (negate) {
          expect("IN");
        }
        expect("(");
        List<Object> values = new ArrayList<>();
        do {
          values.add(literal());
        } while (accept(","));
        expect(")");
        return r -> values.stream().anyMatch(v -> compare(r.get(field), v) == 0) != negate;
      }
      case "=": {
        Object value = literal();
        return r -> value == null ? r.get(field) == null : compare(r.get(field), value) == 0;
      }
      case "!=": {
        Object value = literal();
        return r -> value == null ? r.get(field) != null : compare(r.get(field), value) != 0;
      }
      case "<": {
        Object value = literal();
        return r -> r.get(field) != null && compare(r.get(field), value) < 0;
      }
      case "<=": {
        Object value = literal();
        return r -> r.get(field) != null && compare(r.get(field), value) <= 0;
      }
      case ">": {
        Object value = literal();
        return r -> r.get(field) != null && compare(r.get(field), value) > 0;
      }
      case ">=": {
        Object value = literal();
        return r -> r.get(field) != null && compare(r.get(field), value) >= 0;
      }
      case "LIKE": {
        Object value = literal();
        if (!(value instanceof String pattern)) {
          throw new MalformedQuery("LIKE needs a string literal");
        }
        // % any run, _ one character; case-insensitive, as Salesforce compares text
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
          regex.append(ch == '%' ? ".*" : ch == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(ch)));
        }
        java.util.regex.Pattern compiled = java.util.regex.Pattern.compile(regex.toString(),
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);
        return r -> r.get(field) != null && compiled.matcher(String.valueOf(r.get(field))).matches();
      }
      default:
        throw new MalformedQuery("unsupported operator '" + op + "'");
    }
  }

  private @Nullable Object literal() {
    String token = next();
    if (token.startsWith("'")) {
      return token.substring(1, token.length() - 1);
    }
    String upper = token.toUpperCase(Locale.ROOT);
    if (upper.equals("NULL")) {
      return null;
    }
    if (upper.equals("TRUE") || upper.equals("FALSE")) {
      return Boolean.parseBoolean(token);
    }
    if (token.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
      return parseDateTime(token);
    }
    if (token.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return LocalDate.parse(token);
    }
    if (token.matches("-?\\d+(\\.\\d+)?")) {
      return Double.parseDouble(token);
    }
    throw new MalformedQuery("unexpected literal '" + token + "'");
  }

  static Instant parseDateTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (RuntimeException e) {
      try {
        return OffsetDateTime.parse(text, SF_OFFSET).toInstant();
      } catch (RuntimeException again) {
        throw new MalformedQuery("invalid dateTime '" + text + "'");
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(@Nullable Object stored, @Nullable Object literal) {
    if (stored == null || literal == null) {
      return Objects.equals(stored, literal) ? 0 : stored == null ? -1 : 1;
    }
    if (stored instanceof String s && literal instanceof String l) {
      return s.compareToIgnoreCase(l);
    }
    if (stored instanceof Number n && literal instanceof Number l) {
      return Double.compare(n.doubleValue(), l.doubleValue());
    }
    if (stored instanceof Comparable c && stored.getClass() == literal.getClass()) {
      return c.compareTo(literal);
    }
    if (stored instanceof Instant && literal instanceof String l) {
      return ((Instant) stored).compareTo(parseDateTime(l));
    }
    return stored.toString().compareToIgnoreCase(literal.toString());
  }

  static Comparator<Map<String, Object>> comparator(List<Order> order) {
    Comparator<Map<String, Object>> comparator = (a, b) -> 0;
    for (Order o : order) {
      Comparator<Map<String, Object>> one = (a, b) -> compare(a.get(o.field()), b.get(o.field()));
      comparator = comparator.thenComparing(o.descending() ? one.reversed() : one);
    }
    return comparator;
  }

  private String identifier() {
    String token = next();
    if (!token.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
      throw new MalformedQuery("expected a field or object name, got '" + token + "'");
    }
    return token;
  }

  private void expect(String keyword) {
    String token = next();
    if (!token.equalsIgnoreCase(keyword)) {
      throw new MalformedQuery("expected " + keyword + ", got '" + token + "'");
    }
  }

  private boolean accept(String keyword) {
    if (at < tokens.size() && tokens.get(at).equalsIgnoreCase(keyword)) {
      at++;
      return true;
    }
    return false;
  }

  private String next() {
    if (at >= tokens.size()) {
      throw new MalformedQuery("unexpected end of query");
    }
    return tokens.get(at++);
  }

  private static List<String> tokenize(String soql) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < soql.length()) {
      char c = soql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder literal = new StringBuilder("'");
        i++;
        while (i < soql.length() && soql.charAt(i) != '\'') {
          if (soql.charAt(i) == '\\' && i + 1 < soql.length()) {
            i++;
          }
          literal.append(soql.charAt(i++));
        }
        if (i >= soql.length()) {
          throw new MalformedQuery("unterminated string literal");
        }
        tokens.add(literal.append('\'').toString());
        i++;
      } else if (c == '(' || c == ')' || c == ',') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '<' || c == '>' || c == '!' || c == '=') {
        if (i + 1 < soql.length() && soql.charAt(i + 1) == '=') {
          tokens.add(soql.substring(i, i + 2));
          i += 2;
        } else {
          tokens.add(String.valueOf(c));
          i++;
        }
      } else {
        int start = i;
        while (i < soql.length() && !Character.isWhitespace(soql.charAt(i)) && "(),<>!='".indexOf(soql.charAt(i)) < 0) {
          i++;
        }
        tokens.add(soql.substring(start, i));
      }
    }
    return tokens;
  }
}
