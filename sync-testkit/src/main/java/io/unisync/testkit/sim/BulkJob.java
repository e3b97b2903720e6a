package io.unisync.testkit.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A bulk export job, as the Marketo simulator keeps it (guarded by its export queue's lock). */
final class BulkJob {
  final String id = UUID.randomUUID().toString();
  final List<String> fields;
  /** The file's header name of a field, when the request named one ({@code columnHeaderNames}). */
  Map<String, String> headers = Map.of();
  final Instant startAt;
  final Instant endAt;
  final Instant createdAt;
  volatile String status = "Created";
  int polls;
  @Nullable Instant queuedAt;
  /** The order jobs were queued in: the queue is first in, first out. */
  long queueOrder;
  @Nullable Instant startedAt;
  @Nullable Instant finishedAt;
  long records = -1;
  long size = -1;
  String checksum = "";
  @Nullable String errorMsg;
  /** The instance's changes as they were when the job completed: its file never changes after that. */
  @Nullable Map<Long, Map<String, String>> editedAtCompletion;
  @Nullable Set<Long> deletedAtCompletion;
  /** A job of another API user of the instance: it takes queue places and allowance, but no client of ours lists it. */
  boolean foreign;

  BulkJob(List<String> fields, Instant startAt, Instant endAt, Instant createdAt) {
    this.fields = fields;
    this.startAt = startAt;
    this.endAt = endAt;
    this.createdAt = createdAt;
  }
}
