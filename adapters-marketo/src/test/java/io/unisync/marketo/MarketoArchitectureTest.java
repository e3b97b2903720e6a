package io.unisync.marketo;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.unisync.testkit.arch.UnisyncArchitectureRules;
import org.junit.jupiter.api.Test;

class MarketoArchitectureTest {

  @Test
  void theMarketoModuleFollowsTheArchitectureRules() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.unisync");
    UnisyncArchitectureRules.checkAll(classes);
  }
}
