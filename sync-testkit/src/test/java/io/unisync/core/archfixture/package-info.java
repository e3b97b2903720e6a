/** Deliberate violations of the architecture rules; the ArchitectureTest shows each rule catches its own. */
package io.unisync.core.archfixture;
