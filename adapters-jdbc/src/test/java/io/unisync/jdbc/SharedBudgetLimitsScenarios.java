package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.port.CallBudget;
import io.unisync.core.port.CallLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A call budget shared by processes of one Marketo instance keeps its own limits (issue 24): a process configured with
 * looser limits than another cannot take more than the stricter window allows. Run on H2 and PostgreSQL.
 */
abstract class SharedBudgetLimitsScenarios {

  abstract DataSource dataSource();

  private static CallLimits limits(int calls) {
    return new CallLimits(calls, Duration.ofSeconds(20), 10, 1_000_000, ZoneId.of("America/Chicago"), Duration.ofMinutes(5));
  }

  private static int grantedAtOnce(CallBudget budget) {
    int granted = 0;
    while (budget.acquire(true, Duration.ZERO) instanceof CallBudget.Granted taken && granted < 100) {
      taken.permit().close();
      granted++;
    }
    return granted;
  }

  @Test
  void aLooserCallerCannotExceedTheStricterLimitsOfAnotherProcessOnTheSameInstance() {
    String instance = "marketo:limits-" + UUID.randomUUID();
    CallBudget strict = JdbcCallBudget.create(dataSource(), instance, limits(5), Clock.systemUTC());
    CallBudget loose = JdbcCallBudget.create(dataSource(), instance, limits(25), Clock.systemUTC());
    CallBudget.Admission first = strict.acquire(true, Duration.ZERO); // the strict process calls first: its limits are stored
    assertThat(first).isInstanceOf(CallBudget.Granted.class);
    ((CallBudget.Granted) first).permit().close();

    // before: the loose caller took 25 in the window the strict one allows 5 in
    assertThat(grantedAtOnce(loose)).as("calls the looser caller got in the 20 s window").isEqualTo(4);
    assertThat(strict.acquire(true, Duration.ZERO)).isInstanceOf(CallBudget.Busy.class);
  }

  @Test
  void theStricterLimitsHoldWhicheverProcessCallsFirst() {
    String instance = "marketo:limits-" + UUID.randomUUID();
    CallBudget loose = JdbcCallBudget.create(dataSource(), instance, limits(25), Clock.systemUTC());
    CallBudget strict = JdbcCallBudget.create(dataSource(), instance, limits(5), Clock.systemUTC());
    CallBudget.Admission first = loose.acquire(true, Duration.ZERO);
    ((CallBudget.Granted) first).permit().close();
    CallBudget.Admission second = strict.acquire(true, Duration.ZERO);
    ((CallBudget.Granted) second).permit().close();

    assertThat(grantedAtOnce(loose)).isEqualTo(3);
  }
}
