package io.unisync.core.engine;

/** The e-mail send gate's answer. */
public sealed interface GateDecision permits GateDecision.Allowed, GateDecision.Blocked {

  /** {@return whether the e-mail may be sent} */
  boolean allowed();

  /** Send it. */
  record Allowed() implements GateDecision {
    @Override
    public boolean allowed() {
      return true;
    }
  }

  /** Do not send it; the reason is fit to show the seller. */
  record Blocked(String reason) implements GateDecision {
    @Override
    public boolean allowed() {
      return false;
    }
  }
}
