package io.unisync.jdbc;

import io.unisync.core.error.InvalidValueException;

/**
 * Whose data a row is: one Marketo instance is one tenant. Every table is keyed by it and every query is
 * scoped to one, so a single database can serve several instances.
 *
 * @param id 1 to 64 characters from {@code [A-Za-z0-9._-]}, for example a Munchkin id such as
 *     {@code 284-RPR-133}
 */
public record Tenant(String id) {

  /**
   * Checks the id.
   *
   * @param id the tenant's id
   * @throws InvalidValueException when the id is blank or longer than the stores' column
   */
  public Tenant {
    if (id == null || id.isEmpty() || id.length() > 64 || !id.chars().allMatch(Tenant::allowed)) {
      throw new InvalidValueException("tenant", "must be 1 to 64 characters from A-Z, a-z, 0-9, '.', '_' and '-'");
    }
  }

  /**
   * A tenant by its id.
   *
   * @param id the tenant's id: non-blank, at most the stores' column's length
   * @return the tenant
   */
  public static Tenant of(String id) {
    return new Tenant(id);
  }

  private static boolean allowed(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
  }

  @Override
  public String toString() {
    return id;
  }
}
