package io.unisync.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.AdapterException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Waiting for an exchange: errors as they are, bodies within their cap, answers that stall cut off. */
class ExchangeTest {

  private static final Clock CLOCK = Clock.systemUTC();

  private static Instant in(Duration duration) {
    return CLOCK.instant().plus(duration);
  }

  @Test
  void anOutOfMemoryErrorInsideTheClientIsThrownAsItIsNotRetriedAsANetworkFailure() {
    CompletableFuture<String> exchange = CompletableFuture.failedFuture(new OutOfMemoryError("Java heap space"));

    assertThatThrownBy(() -> Exchange.await(exchange, null, CLOCK, in(Duration.ofSeconds(5)), Duration.ofSeconds(5), Duration.ofSeconds(5)))
        .isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void anErrorDeepInTheCauseChainIsThrownToo() {
    // the JDK client reports a selector thread that died of an Error as "selector manager closed", the Error its cause
    CompletableFuture<String> exchange = CompletableFuture.failedFuture(new IOException("selector manager closed",
        new OutOfMemoryError("Java heap space")));

    assertThatThrownBy(() -> Exchange.await(exchange, null, CLOCK, in(Duration.ofSeconds(5)), Duration.ofSeconds(5), Duration.ofSeconds(5)))
        .isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void aNetworkFailureStaysAnIOExceptionAndAnythingElseBecomesOne() {
    assertThatThrownBy(() -> Exchange.await(CompletableFuture.failedFuture(new java.net.ConnectException("refused")), null, CLOCK,
        in(Duration.ofSeconds(5)), Duration.ofSeconds(5), Duration.ofSeconds(5))).isInstanceOf(java.net.ConnectException.class);
    assertThatThrownBy(() -> Exchange.await(CompletableFuture.failedFuture(new IllegalStateException("odd")), null, CLOCK,
        in(Duration.ofSeconds(5)), Duration.ofSeconds(5), Duration.ofSeconds(5))).isInstanceOf(IOException.class).hasMessage("IllegalStateException");
  }

  @Test
  void aStoppedClientIsRecognisedSoTheAdapterCanReplaceIt() {
    assertThat(Exchange.clientStopped(new IOException("selector manager closed"))).isTrue();
    assertThat(Exchange.clientStopped(new IOException("wrapped", new RejectedExecutionException()))).isTrue();
    assertThat(Exchange.clientStopped(new IOException("Connection reset"))).isFalse();
  }

  @Test
  void aBodyPastItsCapFailsTheExchangeAtOnceWithThePermanentErrorNamingTheSetting() {
    BoundedBody body = new BoundedBody(10, "Settings.maxResponseBytes");
    CompletableFuture<String> exchange = new CompletableFuture<>(); // the client would wait on and on
    Cancels subscription = new Cancels();
    body.onSubscribe(subscription);
    body.onNext(List.of(ByteBuffer.wrap(new byte[6])));
    body.onNext(List.of(ByteBuffer.wrap(new byte[6])));

    assertThatThrownBy(() -> Exchange.await(exchange, body, CLOCK, in(Duration.ofSeconds(30)), Duration.ofSeconds(30), Duration.ofSeconds(30)))
        .isInstanceOf(AdapterException.class).hasMessageContaining("exceeded 10 bytes", "Settings.maxResponseBytes")
        .satisfies(e -> assertThat(((AdapterException) e).isRetryable()).isFalse());
    assertThat(subscription.cancelled).isTrue();
    assertThat(exchange).isCancelled();
    assertThat(body.bytes()).isEmpty();
  }

  @Test
  void aBodyWithinItsCapIsKeptWhole() {
    BoundedBody body = new BoundedBody(10, "cap");
    body.onSubscribe(new Cancels());
    body.onNext(List.of(ByteBuffer.wrap("hello".getBytes()), ByteBuffer.wrap("world".getBytes())));
    body.onComplete();

    assertThat(new String(body.bytes())).isEqualTo("helloworld");
    assertThat(body.failure()).isNotDone();
  }

  @Test
  void anAnswerThatSendsNoByteForTheIdleTimeIsCutOffLongBeforeItsDeadline() {
    BoundedBody body = new BoundedBody(1000, "cap");
    CompletableFuture<String> exchange = new CompletableFuture<>();

    assertThatThrownBy(() -> Exchange.await(exchange, body, CLOCK, in(Duration.ofMinutes(4)), Duration.ofSeconds(30), Duration.ofMillis(100)))
        .isInstanceOf(HttpTimeoutException.class).hasMessageContaining("no byte of the answer for 100 ms");
    assertThat(exchange).isCancelled();
  }

  @Test
  void anAnswerThatKeepsMovingIsCutOffAtItsDeadline() {
    BoundedBody body = new BoundedBody(1_000_000, "cap");
    CompletableFuture<String> exchange = new CompletableFuture<>();
    body.onSubscribe(new Cancels());
    Thread trickle = new Thread(() -> {
      while (!exchange.isDone()) {
        body.onNext(List.of(ByteBuffer.wrap(new byte[1])));
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    trickle.start();

    // the idle limit (2 s) is far from reached while bytes come every 10 ms; the attempt's 400 ms ends it
    assertThatThrownBy(() -> Exchange.await(exchange, body, CLOCK, in(Duration.ofMinutes(4)), Duration.ofMillis(400), Duration.ofSeconds(2)))
        .isInstanceOf(HttpTimeoutException.class).hasMessageContaining("the attempt's 400 ms");
    assertThat(body.seen()).as("bytes kept coming until the deadline").isPositive();
  }

  @Test
  void aClockThatJumpsDoesNotCutAnAttemptShortOnlyTheCallsDeadlineReadsIt() throws IOException {
    // every reading of this clock is a minute later: an attempt bounded by it would end before it began
    Clock jumping = new Clock() {
      private Instant now = Instant.parse("2026-12-01T00:00:00Z");

      @Override
      public synchronized Instant instant() {
        now = now.plusSeconds(60);
        return now;
      }

      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    CompletableFuture<String> exchange = new CompletableFuture<>();
    new Thread(() -> {
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        return;
      }
      exchange.complete("late but in time");
    }).start();

    assertThat(Exchange.await(exchange, null, jumping, Instant.parse("2026-12-01T01:00:00Z"), Duration.ofSeconds(5),
        Duration.ofSeconds(5))).isEqualTo("late but in time");
  }

  @Test
  void aCompletedExchangeIsReturned() throws IOException {
    assertThat(Exchange.await(CompletableFuture.completedFuture("answer"), new BoundedBody(10, "cap"), CLOCK,
        in(Duration.ofSeconds(1)), Duration.ofSeconds(1), Duration.ofSeconds(1))).isEqualTo("answer");
  }

  private static final class Cancels implements Flow.Subscription {
    volatile boolean cancelled;

    @Override
    public void request(long n) {}

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
