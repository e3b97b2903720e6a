package io.unisync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.ConfigurationException;
import io.unisync.core.retry.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SalesforceSettingsTest {

  static final URI URL = URI.create("https://acme.my.salesforce.com/services/oauth2/token");
  static final SalesforceAuth AUTH = new SalesforceAuth.ClientCredentials("id", "s3cr3t-value");

  @Test
  void theBuilderStartsAtThePublishedDefaults() {
    SalesforceSettings settings = SalesforceSettings.builder(URL, AUTH).build();

    assertThat(settings).isEqualTo(SalesforceSettings.of(URL, AUTH));
    assertThat(settings.apiVersion()).isEqualTo(SalesforceSettings.DEFAULT_API_VERSION).isEqualTo("67.0");
    assertThat(settings.activityIdField()).isEqualTo(SalesforceSettings.DEFAULT_ACTIVITY_ID_FIELD);
    assertThat(settings.completedStatus()).isEqualTo(SalesforceSettings.DEFAULT_COMPLETED_STATUS);
    assertThat(settings.dailyBudgetShare()).isEqualTo(SalesforceSettings.DEFAULT_DAILY_BUDGET_SHARE);
    assertThat(settings.requestTimeout()).isEqualTo(SalesforceSettings.DEFAULT_REQUEST_TIMEOUT);
    assertThat(settings.limitBackoff()).isEqualTo(SalesforceSettings.DEFAULT_LIMIT_BACKOFF);
    assertThat(settings.maxResponseBytes()).isEqualTo(SalesforceSettings.DEFAULT_MAX_RESPONSE_BYTES);
    assertThat(settings.retry()).isEqualTo(RetryPolicy.defaults());
  }

  @Test
  void everyKnobHasASetterAndToBuilderKeepsTheRest() {
    SalesforceSettings changed = SalesforceSettings.of(URL, AUTH).toBuilder().apiVersion("62.0").activityIdField("Our_Id__c")
        .completedStatus("Done").dailyBudgetShare(0.5).requestTimeout(Duration.ofSeconds(5)).limitBackoff(Duration.ofMinutes(1))
        .maxResponseBytes(4096).build();

    assertThat(changed.toBuilder().build()).isEqualTo(changed).hasSameHashCodeAs(changed);
    assertThat(changed).isNotEqualTo(SalesforceSettings.of(URL, AUTH));
    assertThat(changed.activityIdField()).isEqualTo("Our_Id__c");
    assertThat(changed.completedStatus()).isEqualTo("Done");
    assertThat(changed.limitBackoff()).isEqualTo(Duration.ofMinutes(1));
    assertThat(changed.retry()).as("untouched").isEqualTo(RetryPolicy.defaults());
    assertThat(SalesforceSettings.of(URL, AUTH).withDailyBudgetShare(0.5).withApiVersion("62.0"))
        .as("the with-methods are the builder in short")
        .isEqualTo(SalesforceSettings.of(URL, AUTH).toBuilder().dailyBudgetShare(0.5).apiVersion("62.0").build());
  }

  @Test
  void buildListsEveryProblemAtOnceAndNeverTheSecret() {
    assertThatThrownBy(() -> SalesforceSettings.builder(URI.create("http://example.com/token"), AUTH).apiVersion("v67")
        .activityIdField("Plain").completedStatus(" ").dailyBudgetShare(0).requestTimeout(Duration.ofMillis(5))
        .limitBackoff(Duration.ofSeconds(-1)).maxResponseBytes(10).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(8).anySatisfy(p ->
            assertThat(p).contains("tokenUrl")))
        .hasMessageNotContaining("s3cr3t-value");
    assertThat(SalesforceSettings.of(URL, AUTH).toString()).doesNotContain("s3cr3t-value");
  }
}
