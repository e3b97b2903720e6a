package io.unisync.core.domain;

import io.unisync.core.error.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A digest of a person's 11 standard fields. Two people with equal fingerprints hold equal values, so a
 * store can skip rewriting a row whose fingerprint did not change.
 *
 * @param value 32 lower-case hex digits (the first 128 bits of SHA-256 over the length-prefixed fields)
 */
public record Fingerprint(String value) {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Checks the value: 32 lower-case hex digits.
   *
   * @param value 32 lower-case hex digits (the first 128 bits of SHA-256 over the length-prefixed fields)
   */
  public Fingerprint {
    if (value.length() != 32 || !value.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
      throw new InvalidValueException("fingerprint", "must be 32 lower-case hex digits");
    }
  }

  /** The fingerprint of these values, in {@link PersonField} order. */
  static Fingerprint of(List<@Nullable String> values) {
    MessageDigest digest = sha256();
    for (String value : values) {
      if (value == null) {
        digest.update((byte) 0);
      } else {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        digest.update(intBytes(bytes.length));
        digest.update(bytes);
      }
    }
    byte[] hash = digest.digest();
    return new Fingerprint(HEX.formatHex(hash, 0, 16));
  }

  private static byte[] intBytes(int n) {
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available on this JVM", e);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
