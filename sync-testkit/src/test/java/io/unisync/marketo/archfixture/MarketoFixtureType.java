package io.unisync.marketo.archfixture;

/** A class of the marketo module, for {@code JdbcCallingMarketo} to depend on. */
public class MarketoFixtureType {}
