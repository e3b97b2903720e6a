package io.unisync.testkit;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.ChangeBatch;
import io.unisync.core.port.FeedRetention;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPlan;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.SourcePosition;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link PersonSource} that hands every call to another: override the calls a test wants to change (an answer that
 * blocks, lacks an id, holds garbage) and keep the rest.
 */
public abstract class ForwardingPersonSource implements PersonSource {

  private final PersonSource delegate;

  /**
   * A source that hands every call to {@code delegate}.
   *
   * @param delegate the source behind it
   */
  protected ForwardingPersonSource(PersonSource delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** {@return the source calls go to} */
  protected PersonSource delegate() {
    return delegate;
  }

  @Override
  public SourceFields fields() {
    return delegate.fields();
  }

  @Override
  public SourcePosition currentPosition() {
    return delegate.currentPosition();
  }

  @Override
  public SnapshotPage readSnapshot(Optional<SnapshotPosition> after, int pageSize) {
    return delegate.readSnapshot(after, pageSize);
  }

  @Override
  public ChangeBatch readChanges(SourcePosition after, int maxChanges) {
    return delegate.readChanges(after, maxChanges);
  }

  @Override
  public List<SourceRecord> readCurrent(Collection<PersonId> ids) {
    return delegate.readCurrent(ids);
  }

  @Override
  public int maxReadBatch() {
    return delegate.maxReadBatch();
  }

  @Override
  public OptionalLong estimatedSnapshotSize() {
    return delegate.estimatedSnapshotSize();
  }

  @Override
  public Optional<SnapshotPlan> snapshotPlan() {
    return delegate.snapshotPlan();
  }

  @Override
  public SnapshotPage readCensus(Optional<SnapshotPosition> after, int pageSize) {
    return delegate.readCensus(after, pageSize);
  }

  @Override
  public Optional<SnapshotPage> readCensusIfReady(Optional<SnapshotPosition> after, int pageSize) {
    return delegate.readCensusIfReady(after, pageSize);
  }

  @Override
  public Optional<SnapshotPlan> censusPlan() {
    return delegate.censusPlan();
  }

  @Override
  public Optional<FeedRetention> feedRetention() {
    return delegate.feedRetention();
  }

  @Override
  public Optional<Instant> readThrough(SourcePosition position) {
    return delegate.readThrough(position);
  }
}
