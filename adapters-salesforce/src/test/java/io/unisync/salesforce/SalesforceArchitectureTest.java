package io.unisync.salesforce;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.unisync.testkit.arch.UnisyncArchitectureRules;
import org.junit.jupiter.api.Test;

class SalesforceArchitectureTest {

  @Test
  void theSalesforceModuleFollowsTheArchitectureRules() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.unisync");
    UnisyncArchitectureRules.checkAll(classes);
  }
}
