package io.unisync.core.archfixture;

import io.unisync.core.port.PersonStore;

/** Violation: implements PersonStore but is not called *PersonStore. */
public abstract class BadlyNamedAdapter implements PersonStore {}
