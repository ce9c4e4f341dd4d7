package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * picocli is compiled from its published sources for Java 17 into this module (ADR 0030): its
 * jar's Java 5 class files cannot enter a class-data-sharing archive.
 */
class PicocliBuildTest {

  @Test
  @DisplayName("picocli's classes are Java 17 class files, built with this module")
  void picocliIsJava17() throws IOException {
    try (InputStream in = CommandLine.class.getResourceAsStream("CommandLine.class");
        DataInputStream data = new DataInputStream(in)) {
      assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
      data.readUnsignedShort(); // minor version
      assertThat(data.readUnsignedShort()).as("class file major version").isEqualTo(61);
    }
    assertThat(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toString())
        .as("picocli comes from this module, not from picocli's jar")
        .doesNotContain("info/picocli");
  }

  @Test
  @DisplayName("picocli's notice and licence travel with its classes")
  void noticeAndLicence() throws IOException {
    for (String file : new String[] {"NOTICE", "LICENSE"}) {
      try (InputStream in =
          PicocliBuildTest.class.getResourceAsStream("/META-INF/picocli/" + file)) {
        assertThat(in).as(file).isNotNull();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .contains("Apache License");
      }
    }
  }
}
